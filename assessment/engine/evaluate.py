"""Evaluating conditions and scores against a :class:`~.context.Context`.

:func:`evaluate` returns an :class:`Outcome`: whether the condition holds, the measured and
required values where the condition is quantitative, the questions that decided it, and the
questions whose answers fall short (the raw material of gaps).
"""

from __future__ import annotations

from dataclasses import dataclass

from .conditions import AllOf, AllTrue, AnyOf, AtLeast, Condition, Count, IsTrue, NumberAtLeast, ProfileIn, Score, Selector, Share
from .context import Context, _round
from .models import Question


@dataclass(frozen=True)
class Outcome:
    met: bool
    actual: float | None = None
    required: float | None = None
    questions: tuple[str, ...] = ()
    failing: tuple[str, ...] = ()
    targets: tuple[tuple[str, str], ...] = ()
    """(question id, option value) pairs: the answer each failing question needs."""


def section_points(ctx: Context, section_id: str | None) -> tuple[float, float]:
    """(earned, max) points of a section, or of the whole questionnaire when None."""
    cached = ctx.memo.get("section_points")
    if isinstance(cached, dict):
        return cached[section_id]  # type: ignore[no-any-return]
    table: dict[str | None, tuple[float, float]] = {}
    all_earned = all_top = 0.0
    for s in ctx.questionnaire.sections:
        earned = top = 0.0
        for q in s.questions:
            if q.scored and ctx.applies(q):
                earned += ctx.earned(q)
                top += q.points
        table[s.id] = (_round(earned), _round(top))
        all_earned += earned
        all_top += top
    table[None] = (_round(all_earned), _round(all_top))
    ctx.memo["section_points"] = table
    return table[section_id]


def total_score(ctx: Context) -> float:
    """The questionnaire score on its own scale: points when ``total_points`` is declared
    (智改数转: 0–100 official points), otherwise the percentage of points earned."""
    earned, top = section_points(ctx, None)
    if ctx.questionnaire.total_points is not None:
        return earned
    return _round(100.0 * earned / top) if top else 0.0


def _top_value(q: Question) -> str:
    return q.options[-1].value if q.options else "true"


def evaluate(ctx: Context, c: Condition) -> Outcome:
    """Evaluate a condition. Pure; memoised per context. Monotone in the answers except
    for ``share`` (see :mod:`.conditions`)."""
    key = ctx.questionnaire.condition_aliases.get(id(c), id(c))
    hit = ctx.memo.get(key)
    if hit is None:
        hit = ctx.memo[key] = _evaluate(ctx, c)
    assert isinstance(hit, Outcome)
    return hit


def _evaluate(ctx: Context, c: Condition) -> Outcome:
    qn = ctx.questionnaire
    if isinstance(c, IsTrue):
        q = qn.question(c.is_true)
        met = ctx.answer(q.id) is True
        return Outcome(met, questions=(q.id,), failing=() if met else (q.id,), targets=() if met else ((q.id, "true"),))
    if isinstance(c, AtLeast):
        q = qn.question(c.at_least.question)
        need = q.rank(c.at_least.value)
        met = ctx.rank(q) >= need
        return Outcome(
            met,
            actual=float(ctx.rank(q)),
            required=float(need),
            questions=(q.id,),
            failing=() if met else (q.id,),
            targets=() if met else ((q.id, c.at_least.value),),
        )
    if isinstance(c, NumberAtLeast):
        q = qn.question(c.number_at_least.question)
        a = ctx.answer(q.id)
        value = float(a) if isinstance(a, (int, float)) and not isinstance(a, bool) else None
        met = value is not None and value >= c.number_at_least.min
        return Outcome(
            met,
            actual=value,
            required=c.number_at_least.min,
            questions=(q.id,),
            failing=() if met else (q.id,),
            targets=() if met else ((q.id, f"{c.number_at_least.min:g}"),),
        )
    if isinstance(c, AllTrue):
        qs = ctx.select(c.all_true)
        bad = [q for q in qs if not ctx.is_top(q)]
        return Outcome(
            not bad,
            actual=float(len(qs) - len(bad)),
            required=float(len(qs)),
            questions=tuple(q.id for q in qs),
            failing=tuple(q.id for q in bad),
            targets=tuple((q.id, _top_value(q)) for q in bad),
        )
    if isinstance(c, Count):
        spec = c.count
        qs = ctx.select(spec.select)

        def ok(q: Question) -> bool:
            if spec.at_least is not None and ctx.rank(q) < q.rank(spec.at_least):
                return False
            return spec.flag is None or spec.flag in ctx.flags(q)

        good = [q for q in qs if ok(q)]
        bad = [q for q in qs if not ok(q)]
        met = len(good) >= spec.min
        return Outcome(
            met,
            actual=float(len(good)),
            required=float(spec.min),
            questions=tuple(q.id for q in good),
            failing=() if met else tuple(q.id for q in bad),
            targets=() if met else tuple((q.id, _count_target(q, spec.at_least, spec.flag)) for q in bad),
        )
    if isinstance(c, Share):
        sh = c.share
        qs = ctx.select(sh.select)
        base = [q for q in qs if sh.among in ctx.flags(q)]
        with_flag = [q for q in base if sh.flag in ctx.flags(q)]
        share = len(with_flag) / len(base) if base else 0.0
        met = bool(base) and share >= sh.min
        miss = [q for q in base if sh.flag not in ctx.flags(q)]
        return Outcome(
            met,
            actual=_round(share),
            required=sh.min,
            questions=tuple(q.id for q in base),
            failing=() if met else tuple(q.id for q in miss),
            targets=() if met else tuple((q.id, _count_target(q, None, sh.flag)) for q in miss),
        )
    if isinstance(c, Score):
        sc = c.score
        if sc.section is None:
            actual = total_score(ctx)
            scope = [q for q in qn.questions if q.scored and ctx.applies(q)]
        else:
            actual, _ = section_points(ctx, sc.section)
            scope = [q for q in ctx.select(Selector(section=sc.section)) if q.scored]
        met = actual >= sc.min
        bad = sorted((q for q in scope if ctx.earned(q) < q.points), key=lambda q: ctx.earned(q) - q.points)
        return Outcome(
            met,
            actual=actual,
            required=sc.min,
            questions=tuple(q.id for q in scope),
            failing=() if met else tuple(q.id for q in bad),
            targets=() if met else tuple((q.id, _top_value(q)) for q in bad),
        )
    if isinstance(c, ProfileIn):
        met = ctx.profile is None or ctx._profile_condition(c)
        return Outcome(met)
    if isinstance(c, AllOf):
        parts = [evaluate(ctx, x) for x in c.all]
        return _combine(all(p.met for p in parts), [p for p in parts if not p.met], parts)
    assert isinstance(c, AnyOf)
    parts = [evaluate(ctx, x) for x in c.any]
    met = any(p.met for p in parts)
    return _combine(met, [] if met else parts, parts)


def _combine(met: bool, failing_parts: list[Outcome], parts: list[Outcome]) -> Outcome:
    qs: list[str] = []
    for p in parts:
        qs.extend(x for x in p.questions if x not in qs)
    fails: list[str] = []
    targets: list[tuple[str, str]] = []
    for p in failing_parts:
        fails.extend(x for x in p.failing if x not in fails)
        targets.extend(t for t in p.targets if t not in targets)
    return Outcome(met, questions=tuple(qs), failing=tuple(fails), targets=tuple(targets))


def _count_target(q: Question, at_least: str | None, flag: str | None) -> str:
    """The least mature option that would make ``q`` count."""
    need = q.rank(at_least) if at_least is not None else 0
    for o in q.options[max(need, 0) :]:
        if flag is None or flag in o.flags:
            return o.value
    return _top_value(q)
