"""``assess()``: the single entry point of the engine. Pure, deterministic, fast.

Pipeline: check answers → score sections → grade the ladder (capability and eligibility)
→ gaps to the rungs above → roadmap → consistency warnings → :class:`~.results.Result`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import ENGINE_VERSION
from .answers import check_answers
from .base import Text, make
from .conditions import AllOf, AllTrue, AtLeast, Condition, IsTrue
from .consistency import check_consistency
from .context import Context, _round
from .evaluate import evaluate, section_points, total_score
from .gaps import find_gaps
from .grading import grade
from .models import Profile, Questionnaire, Rung
from .progress import progress_of
from .results import Metric, Result, SectionScore
from .roadmap import build_roadmap


def _required_points(ctx: Context, rungs: list[Rung]) -> dict[str, float]:
    """Points each question must earn for the given rungs' point-bearing criteria."""
    need: dict[str, float] = {}

    def visit(c: Condition) -> None:
        if isinstance(c, IsTrue):
            q = ctx.questionnaire.question(c.is_true)
            need[q.id] = max(need.get(q.id, 0.0), q.yes_score if q.yes_score is not None else q.points)
        elif isinstance(c, AtLeast):
            q = ctx.questionnaire.question(c.at_least.question)
            opt = q.option(c.at_least.value)
            need[q.id] = max(need.get(q.id, 0.0), min(opt.score if opt else 0.0, q.points))
        elif isinstance(c, AllTrue):
            for q in ctx.select(c.all_true):
                need[q.id] = max(need.get(q.id, 0.0), q.points)
        elif isinstance(c, AllOf):
            for x in c.all:
                visit(x)

    for r in rungs:
        for cr in r.criteria:
            visit(cr.require)
    return need


def _sections(ctx: Context, next_rungs: list[Rung]) -> tuple[SectionScore, ...]:
    need = _required_points(ctx, next_rungs) if next_rungs else {}
    out: list[SectionScore] = []
    for s in ctx.questionnaire.sections:
        earned, top = section_points(ctx, s.id)
        if top <= 0:
            continue
        in_section = {q.id: q for q in s.questions if ctx.applies(q)}
        req = sum(min(v, in_section[k].points) for k, v in need.items() if k in in_section)
        out.append(
            make(
                SectionScore,
                id=s.id,
                label=s.label,
                earned=earned,
                max=top,
                percent=_round(100.0 * earned / top),
                target_percent=_round(100.0 * req / top) if req > 0 else None,
                radar=s.radar,
            )
        )
    return tuple(out)


def _profile(profile: Profile | Mapping[str, Any] | None) -> Profile | None:
    if profile is None or isinstance(profile, Profile):
        return profile
    return Profile.model_validate(dict(profile), strict=False)


def assess(questionnaire: Questionnaire, answers: Mapping[str, Any], profile: Profile | Mapping[str, Any] | None = None) -> Result:
    """Score ``answers`` against ``questionnaire`` and explain the outcome.

    ``answers`` maps question ids to values (multi-choice → list). Unanswered questions
    count as least mature. Unknown ids and values not allowed raise
    :class:`~.answers.AnswerError` (a ``ValueError``) naming the question.
    """
    checked = check_answers(questionnaire, answers)
    ctx = Context(questionnaire, checked, _profile(profile))
    g = questionnaire.grading
    rung_results, cap, elig = grade(ctx)
    ordered = sorted(g.rungs, key=lambda r: r.rank)
    cap_rank = cap.rank if cap else 0
    above = [r for r in ordered if r.rank > cap_rank]
    nxt = above[0] if above else None
    target_rungs = [r for r in ordered if r.rank <= nxt.rank] if nxt and g.rule == "cumulative" else ([nxt] if nxt else [])

    gaps = find_gaps(ctx, rung_results)
    roadmap = build_roadmap(gaps, {r.id: r.rank for r in ordered}, cap_rank, questionnaire.recommendations)
    metrics = tuple(
        make(
            Metric,
            id=m.id,
            label=m.label,
            value=_round((evaluate(ctx, m.of).actual or 0.0) * (100.0 if m.unit == "%" else 1.0)),
            unit=m.unit,
        )
        for m in questionnaire.metrics
    )
    label = cap.label if cap else g.none_label
    if nxt is None:
        verdict = make(Text, zh=f"已达到最高等级：{label.zh}", en=f"Highest rung reached: {label.en}")
    else:
        n_gaps = sum(1 for x in gaps if x.blocks_next)
        verdict = make(
            Text,
            zh=f"当前：{label.zh}；距{nxt.label.zh}尚有 {n_gaps} 项差距",
            en=f"Current: {label.en}; {n_gaps} gaps to {nxt.label.en}",
        )
    done = progress_of(ctx)
    return make(
        Result,
        questionnaire=questionnaire.ref,
        questionnaire_title=questionnaire.title,
        engine_version=ENGINE_VERSION,
        grading=g.kind,
        tier=(cap.id if cap else None) if g.kind == "tier" else None,
        level=(cap.rank if cap else None) if g.kind == "level" else None,
        rung_label=label,
        eligible_tier=(elig.id if elig else None) if g.kind == "tier" else None,
        eligible_label=(elig.label if elig else g.none_label) if g.kind == "tier" else None,
        next_rung=nxt.id if nxt else None,
        next_rung_label=nxt.label if nxt else None,
        score=total_score(ctx),
        max_score=questionnaire.total_points if questionnaire.total_points is not None else 100.0,
        answered=done.answered,
        total_questions=done.total,
        sections=_sections(ctx, target_rungs),
        rungs=tuple(rung_results),
        metrics=metrics,
        gaps=tuple(gaps),
        roadmap=tuple(roadmap),
        warnings=tuple(check_consistency(ctx)),
        verdict=verdict,
    )


def visible_questions(
    questionnaire: Questionnaire, answers: Mapping[str, Any], profile: Profile | Mapping[str, Any] | None = None
) -> frozenset[str]:
    """Ids of the questions to show for these answers and profile (``applies_if``/``show_if``)."""
    ctx = Context(questionnaire, check_answers(questionnaire, answers), _profile(profile))
    return frozenset(q.id for q in questionnaire.questions if ctx.shown(q))
