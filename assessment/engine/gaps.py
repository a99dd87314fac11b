"""Gaps: the unmet criteria of the rungs above the one reached, made concrete.

A gap is an unmet criterion of a rung the enterprise has not reached (capability) or may
not yet apply for (eligibility). Its items are the questions whose answers must improve,
each with the answer it needs — e.g. "质量管理: 二级 → 三级". Gaps of the next rung come
first (``blocks_next``); within a rung, constraint scenarios and larger score gains first.
An unanswered question counts as not met, but its item says so (``unanswered``: 「未作答」),
so a 否 and a question skipped are never shown alike.
"""

from __future__ import annotations

from .base import Text, make
from .conditions import Count
from .context import YES, Context
from .evaluate import evaluate
from .results import CriterionResult, Gap, GapItem, RungResult


def _items(ctx: Context, cr: CriterionResult) -> tuple[GapItem, ...]:
    qn = ctx.questionnaire
    rung_crit = qn.criterion_index[cr.id]
    out = evaluate(ctx, rung_crit.require)
    targets = dict(out.targets)
    items = [_item(ctx, qid, targets.get(qid)) for qid in out.failing]
    items.sort(key=lambda it: (not it.constraint, -it.gain, it.steps))
    return tuple(items)


ALL_OPTIONS = Text(zh="全部选项", en="all options")
HIGHER = Text(zh="更高水平", en="a higher level")


def _item(ctx: Context, qid: str, tv: str | None) -> GapItem:
    """The gap item for one question and target answer, built once per assessment."""
    key = ("gap_item", qid, tv)
    hit = ctx.memo.get(key)
    if isinstance(hit, GapItem):
        return hit
    q = ctx.questionnaire.question(qid)
    if q.kind == "number":
        unit = q.number.unit if q.number and q.number.unit else None
        target = make(Text, zh=f"不低于 {tv}{' ' + unit.zh if unit else ''}", en=f"at least {tv}{' ' + unit.en if unit else ''}")
        gain = 0.0
    elif q.kind == "yesno" or tv == "true":
        target = YES
        gain = q.yes_score if q.yes_score is not None else q.points
    elif q.kind == "multi":
        target = ALL_OPTIONS
        gain = q.points - ctx.earned(q)
    else:
        opt = q.option(tv) if tv else None
        target = opt.label if opt else HIGHER
        gain = max(0.0, (opt.score if opt else q.points) - ctx.earned(q))
    steps = max(1, q.rank(tv) - ctx.rank(q)) if q.kind == "single" and tv else 1
    item = make(
        GapItem,
        question_id=qid,
        label=q.label,
        current=ctx.display(q),
        target=target,
        gain=round(gain, 4),
        steps=steps,
        constraint="constraint" in q.tags,
        unanswered=not ctx.answered(qid),
    )
    ctx.memo[key] = item
    return item


def find_gaps(ctx: Context, rungs: list[RungResult]) -> list[Gap]:
    """Gaps for every rung not reached or not eligible, nearest rung first.

    ``blocks_next`` marks what stands between the enterprise and its next step: the unmet
    criteria of the next capability rung, and unmet eligibility criteria of rungs reached.
    """
    gaps: list[Gap] = []
    next_rank = next((r.rank for r in rungs if not r.reached), None)
    for r in rungs:
        if r.reached and r.eligible:
            continue
        for cr in r.criteria:
            if cr.met:
                continue
            items = _items(ctx, cr)
            gaps.append(
                make(
                    Gap,
                    id=cr.id,
                    rung=r.id,
                    rung_label=r.label,
                    kind=cr.kind,
                    category=cr.category,
                    label=cr.label,
                    explanation=cr.explanation,
                    blocks_next=r.rank == next_rank or (r.reached and cr.kind == "eligibility"),
                    needed=_needed(ctx, cr),
                    items=items,
                    unanswered=bool(items) and all(it.unanswered for it in items),
                    source=cr.source,
                    confidence=cr.confidence,
                )
            )
    return gaps


def _needed(ctx: Context, cr: CriterionResult) -> int | None:
    """For a counting criterion, how many more items must qualify; None when all are needed."""
    crit = ctx.questionnaire.criterion_index[cr.id]
    if isinstance(crit.require, Count) and cr.actual is not None and cr.required is not None:
        return max(0, int(cr.required - cr.actual))
    return None
