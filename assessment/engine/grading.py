"""Grading: which rung of the ladder the answers reach, and why.

Every criterion of every rung is evaluated and explained (met or unmet, with the answers
that decided it). The *capability* rung is the highest one whose capability criteria hold
(for a ``cumulative`` ladder, together with every lower rung). The *eligible* rung — what
the enterprise may apply for — additionally needs the rung's eligibility criteria (规上,
clean record, the lower tier already recognised), and can never be above capability.
"""

from __future__ import annotations

import math

from .base import Text, make
from .conditions import AllOf, AllTrue, AnyOf, AtLeast, Condition, Count, IsTrue, NumberAtLeast, Score, Share
from .context import Context
from .evaluate import Outcome, evaluate
from .models import Criterion, Rung
from .results import CriterionResult, RungResult


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def explain(ctx: Context, c: Condition, out: Outcome) -> Text:
    """A one-line zh/en explanation of what was measured against what was required."""
    qn = ctx.questionnaire
    if isinstance(c, IsTrue):
        q = qn.question(c.is_true)
        shown = ctx.display(q)
        zh, en = shown.zh, shown.en
        return make(Text, zh=f"「{q.label.zh}」回答：{zh}（要求：是）", en=f"“{q.label.en}”: {en} (required: yes)")
    if isinstance(c, AtLeast):
        q = qn.question(c.at_least.question)
        shown = ctx.display(q)
        zh, en = shown.zh, shown.en
        want = q.option(c.at_least.value)
        nz, ne = (want.label.zh, want.label.en) if want else (c.at_least.value, c.at_least.value)
        return make(Text, zh=f"「{q.label.zh}」回答：{zh}（要求不低于：{nz}）", en=f"“{q.label.en}”: {en} (required: at least {ne})")
    if isinstance(c, NumberAtLeast):
        q = qn.question(c.number_at_least.question)
        shown = ctx.display(q)
        unit = q.number.unit if q.number and q.number.unit else None
        floor = _fmt(c.number_at_least.min)
        return make(
            Text,
            zh=f"「{q.label.zh}」回答：{shown.zh}（要求不低于：{floor}{' ' + unit.zh if unit else ''}）",
            en=f"“{q.label.en}”: {shown.en} (required: at least {floor}{' ' + unit.en if unit else ''})",
        )
    if isinstance(c, AllTrue):
        have, need = int(out.actual or 0), int(out.required or 0)
        answered_no = [qn.question(x).label for x in out.failing if ctx.answered(x)]
        blank = [qn.question(x).label for x in out.failing if not ctx.answered(x)]
        zh = f"已具备 {have}/{need} 项"
        en = f"{have} of {need} practices in place"
        if answered_no:
            zh += "；尚未具备：" + "；".join(t.zh for t in answered_no)
            en += "; missing: " + "; ".join(t.en for t in answered_no)
        if blank:
            zh += "；未作答（请作答，未作答按未具备计）：" + "；".join(t.zh for t in blank)
            en += "; not answered (please answer; counted as missing): " + "; ".join(t.en for t in blank)
        return make(Text, zh=zh, en=en)
    if isinstance(c, Count):
        if c.count.at_least is not None:
            ref = ctx.select(c.count.select)
            opt = ref[0].option(c.count.at_least) if ref else None
            what = opt.label.zh if opt else c.count.at_least
            what_en = opt.label.en if opt else c.count.at_least
            return make(
                Text,
                zh=f"达到「{what}」及以上的有 {int(out.actual or 0)} 项（要求至少 {int(out.required or 0)} 项）",
                en=f"{int(out.actual or 0)} at “{what_en}” or above (required: at least {int(out.required or 0)})",
            )
        return make(
            Text,
            zh=f"符合条件的有 {int(out.actual or 0)} 项（要求至少 {int(out.required or 0)} 项）",
            en=f"{int(out.actual or 0)} qualifying (required: at least {int(out.required or 0)})",
        )
    if isinstance(c, Share):
        pct = 100 * (out.actual or 0)
        need_pct = 100 * (out.required or 0)
        n = len(out.questions)
        text = make(
            Text,
            zh=f"占比 {pct:.1f}%（{n} 个已实施场景中；要求 ≥ {need_pct:.0f}%）",
            en=f"share {pct:.1f}% (of {n} implemented scenarios; required ≥ {need_pct:.0f}%)",
        )
        note = _share_note(n, n - len(out.failing) if not out.met else round((out.actual or 0) * n), out.required or 0, out.met)
        return make(Text, zh=text.zh + note.zh, en=text.en + note.en) if note else text
    if isinstance(c, Score):
        return make(
            Text,
            zh=f"得分 {_fmt(out.actual or 0)}（要求 ≥ {_fmt(out.required or 0)}）",
            en=f"score {_fmt(out.actual or 0)} (required ≥ {_fmt(out.required or 0)})",
        )
    if isinstance(c, AllOf) and c.all and all(isinstance(x, AllTrue) for x in c.all):
        # several practice sets (e.g. 基础级 + 先进级 content of one 环节): report them as one
        first = c.all[0]
        assert isinstance(first, AllTrue)
        return explain(ctx, first, _merge_all_true(ctx, c))
    if isinstance(c, (AllOf, AnyOf)):
        subs = c.all if isinstance(c, AllOf) else c.any
        parts = [explain(ctx, x, evaluate(ctx, x)) for x in subs]
        sep_zh, sep_en = ("；并且 ", "; and ") if isinstance(c, AllOf) else ("；或者 ", "; or ")
        return make(Text, zh=sep_zh.join(p.zh for p in parts), en=sep_en.join(p.en for p in parts))
    return make(Text, zh="企业画像符合" if out.met else "企业画像不符合", en="profile matches" if out.met else "profile does not match")


def _share_note(base: int, with_flag: int, minimum: float, met: bool) -> Text | None:
    """Why a share is not monotone, when it matters here: 「新增未应用AI的场景会降低占比」.

    A share is a ratio, so one more implemented scenario *without* the flag lowers it. Said
    when the share is unmet although some scenarios carry the flag (adding more without it
    moves away from the minimum; flagging ``k`` existing ones closes the gap), or when it is
    met but one more scenario without the flag would take it below the minimum.
    """
    if base == 0 or with_flag == 0:
        return None
    if not met:
        k = max(1, math.ceil(minimum * base - with_flag - 1e-9))
        return make(
            Text,
            zh=f"。注意：新增未应用AI的场景会降低占比；在已实施场景中再有 {k} 个应用人工智能即可达到要求",
            en=f". Note: adding scenarios that do not use AI lowers the share; {k} more implemented scenarios using AI would meet it",
        )
    if with_flag / (base + 1) < minimum - 1e-9:
        pct = 100 * with_flag / (base + 1)
        return make(
            Text,
            zh=f"。注意：新增未应用AI的场景会降低占比；再新增1个未应用人工智能的场景，占比将降至 {pct:.1f}%，低于要求",
            en=(
                ". Note: adding scenarios that do not use AI lowers the share; "
                f"one more scenario without AI would bring it down to {pct:.1f}%, below the requirement"
            ),
        )
    return None


def _merge_all_true(ctx: Context, c: AllOf) -> Outcome:
    parts = [evaluate(ctx, x) for x in c.all]
    return Outcome(
        all(p.met for p in parts),
        actual=sum(p.actual or 0 for p in parts),
        required=sum(p.required or 0 for p in parts),
        failing=tuple(q for p in parts for q in p.failing),
    )


def evaluate_criterion(ctx: Context, cr: Criterion) -> CriterionResult:
    out = evaluate(ctx, cr.require)
    evidence = [ctx.answer_ref(ctx.questionnaire.question(qid)) for qid in out.questions[:12]]
    return make(
        CriterionResult,
        id=cr.id,
        label=cr.label,
        category=cr.category,
        kind=cr.kind,
        met=out.met,
        explanation=explain(ctx, cr.require, out),
        actual=out.actual,
        required=out.required,
        evidence=tuple(evidence),
        failing=out.failing,
        unanswered=tuple(q for q in out.failing if not ctx.answered(q)),
        source=cr.source,
        source_title=ctx.questionnaire.source_titles.get(cr.source.doc, ""),
        confidence=cr.confidence,
        note=cr.note,
    )


def grade(ctx: Context) -> tuple[list[RungResult], Rung | None, Rung | None]:
    """Evaluate the ladder; return rung results, the capability rung and the eligible rung."""
    g = ctx.questionnaire.grading
    rungs = sorted(g.rungs, key=lambda r: r.rank)
    evaluated: list[tuple[Rung, list[CriterionResult]]] = [(r, [evaluate_criterion(ctx, c) for c in r.criteria]) for r in rungs]
    cap_ok = [all(c.met for c in crs if c.kind == "capability") for _, crs in evaluated]
    elig_ok = [all(c.met for c in crs if c.kind == "eligibility") for _, crs in evaluated]
    if g.rule == "cumulative":  # eligibility to apply for a rung includes every lower rung's
        elig_ok = [all(elig_ok[: i + 1]) for i in range(len(elig_ok))]

    reached_idx = -1
    if g.rule == "cumulative":
        for i, ok in enumerate(cap_ok):
            if not ok:
                break
            reached_idx = i
    else:
        for i in range(len(cap_ok) - 1, -1, -1):
            if cap_ok[i]:
                reached_idx = i
                break
    eligible_idx = -1
    for i in range(reached_idx, -1, -1):
        if elig_ok[i]:
            eligible_idx = i
            break

    results: list[RungResult] = []
    for i, (rung, crs) in enumerate(evaluated):
        reached = i <= reached_idx
        unmet = [c for c in crs if not c.met and c.kind == "capability"]
        if reached:
            verdict = make(Text, zh=f"已达到{rung.label.zh}要求", en=f"meets the {rung.label.en} requirements")
        elif g.rule == "cumulative" and cap_ok[i] and i > reached_idx:
            verdict = make(
                Text,
                zh=f"本级条件已满足，但尚未达到下一级以下的全部等级（{rungs[reached_idx + 1].label.zh}未达到）",
                en=f"its own criteria hold, but a lower rung ({rungs[reached_idx + 1].label.en}) is not reached",
            )
        else:
            verdict = make(
                Text,
                zh=f"未达到{rung.label.zh}：{len(unmet)} 项条件未满足",
                en=f"{rung.label.en} not reached: {len(unmet)} criteria unmet",
            )
        results.append(
            make(
                RungResult,
                id=rung.id,
                label=rung.label,
                rank=rung.rank,
                capability_met=cap_ok[i],
                eligibility_met=elig_ok[i],
                reached=reached,
                eligible=i <= eligible_idx and elig_ok[i] and reached,
                verdict=verdict,
                criteria=tuple(crs),
            )
        )
    cap = rungs[reached_idx] if reached_idx >= 0 else None
    elig = rungs[eligible_idx] if eligible_idx >= 0 else None
    return results, cap, elig
