"""The roadmap: gaps turned into ranked, phased actions ("where do I start").

Each gap is answered by the recommendations for its items' questions where they exist
(concrete: "raise 质量管理 to 三级"), otherwise by the recommendation for the criterion itself.
Priority = impact weight ÷ effort weight × decay^(rungs above the next one), all weights
from the recommendation set's policy. For counting gaps ("≥ 8 scenarios at 三级") only the
``needed`` best candidates count as needed now; the others are ranked one rung further out.

Order is a policy, not a score: what blocks the next step comes first — eligibility
hard-fails (the policy's ``hard_fail_categories``: 规上, a clean record …), then the other
gaps of the next rung (the lower tier recognised among them) — and an item for a rung two
or more above never precedes them, whatever its priority.
Phases (近期 / 中期 / 远期) are data: the policy's rules on blocking, rung distance and effort,
tried in order; a non-blocking item is never put in an earlier phase than a blocking one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import Text, make
from .recommendations import Recommendation, RecommendationSet
from .results import Gap, Phase, RoadmapItem

PHASE_ORDER: dict[str, int] = {"near": 0, "mid": 1, "long": 2}


@dataclass
class _Acc:
    rec: Recommendation
    distance: int
    blocking: bool = False
    hard_fail: bool = False
    gap_ids: list[str] = field(default_factory=list)
    question_ids: list[str] = field(default_factory=list)
    target: Text | None = None


def _phase(policy_set: RecommendationSet, distance: int, effort: str, blocking: bool) -> Phase:
    pol = policy_set.policy
    for rule in pol.phases:
        if rule.blocking is not None and rule.blocking != blocking:
            continue
        if rule.max_rung_distance is not None and distance > rule.max_rung_distance:
            continue
        if effort in rule.efforts:
            return rule.phase
    return pol.fallback_phase


def build_roadmap(gaps: list[Gap], rungs_order: dict[str, int], current_rank: int, recs: RecommendationSet | None) -> list[RoadmapItem]:
    """Rank the recommendations answering ``gaps``; ``current_rank`` is the rung reached (0 = none)."""
    if recs is None:
        return []
    index = recs.index()
    hard_categories = recs.policy.hard_fail_categories
    acc: dict[str, _Acc] = {}

    def add(rec: Recommendation, distance: int, blocking: bool, gap: Gap, qid: str | None, target: Text | None) -> None:
        a = acc.get(rec.id)
        if a is None:
            a = acc[rec.id] = _Acc(rec=rec, distance=distance, target=target)
        elif distance < a.distance:
            a.distance, a.target = distance, target
        a.blocking = a.blocking or blocking
        a.hard_fail = a.hard_fail or (blocking and gap.kind == "eligibility" and gap.category in hard_categories)
        if gap.id not in a.gap_ids:
            a.gap_ids.append(gap.id)
        if qid is not None and qid not in a.question_ids:
            a.question_ids.append(qid)

    for gap in gaps:
        base = max(1, rungs_order[gap.rung] - current_rank)
        covered = False
        for n, item in enumerate(gap.items):
            extra = gap.needed is not None and n >= gap.needed
            distance = base + (1 if extra else 0)
            for rec in index.get(item.question_id, []):
                add(rec, distance, gap.blocks_next and not extra, gap, item.question_id, item.target)
                covered = True
        for rec in index.get(gap.id, []):
            if not covered:
                add(rec, base, gap.blocks_next, gap, None, None)

    pol = recs.policy
    phased = [(a, _phase(recs, a.distance, a.rec.effort, a.blocking)) for a in acc.values()]
    latest_blocking = max((PHASE_ORDER[ph] for a, ph in phased if a.blocking), default=0)
    by_order: dict[int, Phase] = {0: "near", 1: "mid", 2: "long"}
    items: list[RoadmapItem] = []
    for a, phase in phased:
        if not a.blocking and PHASE_ORDER[phase] < latest_blocking:
            phase = by_order[latest_blocking]
        rec = a.rec
        priority = pol.impact_weight[rec.impact] / pol.effort_weight[rec.effort] * pol.distance_decay ** (a.distance - 1)
        items.append(
            make(
                RoadmapItem,
                recommendation_id=rec.id,
                phase=phase,
                priority=round(priority, 4),
                action=rec.action,
                solutions=rec.solutions,
                evidence=rec.evidence,
                effort=rec.effort,
                impact=rec.impact,
                policy=rec.policy,
                gap_ids=tuple(a.gap_ids),
                question_ids=tuple(a.question_ids),
                target=a.target,
                blocking=a.blocking,
                rung_distance=a.distance,
            )
        )
    hard = {a.rec.id for a in acc.values() if a.hard_fail}
    items.sort(
        key=lambda it: (
            PHASE_ORDER[it.phase],
            it.recommendation_id not in hard,
            not it.blocking,
            it.rung_distance,
            -it.priority,
            it.recommendation_id,
        )
    )
    return items
