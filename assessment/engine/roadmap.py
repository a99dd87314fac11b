"""The roadmap: gaps turned into ranked, phased actions ("where do I start").

Each gap is answered by the recommendations for its items' questions where they exist
(concrete: "raise 质量管理 to 三级"), otherwise by the recommendation for the criterion itself.
Priority = impact weight ÷ effort weight × decay^(rungs above the next one), all weights
from the recommendation set's policy. For counting gaps ("≥ 8 scenarios at 三级") only the
``needed`` best candidates count as needed now; the others are ranked one rung further out.
Phases (近期 / 中期 / 远期) follow the policy's rules on rung distance and effort.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import Text, make
from .recommendations import Recommendation, RecommendationSet
from .results import Gap, Phase, RoadmapItem


@dataclass
class _Acc:
    rec: Recommendation
    distance: int
    gap_ids: list[str] = field(default_factory=list)
    question_ids: list[str] = field(default_factory=list)
    target: Text | None = None


def _phase(policy_set: RecommendationSet, distance: int, effort: str) -> Phase:
    pol = policy_set.policy
    for rule in pol.phases:
        if distance <= rule.max_rung_distance and effort in rule.efforts:
            return rule.phase
    return pol.fallback_phase


def build_roadmap(gaps: list[Gap], rungs_order: dict[str, int], current_rank: int, recs: RecommendationSet | None) -> list[RoadmapItem]:
    """Rank the recommendations answering ``gaps``; ``current_rank`` is the rung reached (0 = none)."""
    if recs is None:
        return []
    index = recs.index()
    acc: dict[str, _Acc] = {}

    def add(rec: Recommendation, distance: int, gap: Gap, qid: str | None, target: Text | None) -> None:
        a = acc.get(rec.id)
        if a is None:
            a = acc[rec.id] = _Acc(rec=rec, distance=distance, target=target)
        elif distance < a.distance:
            a.distance, a.target = distance, target
        if gap.id not in a.gap_ids:
            a.gap_ids.append(gap.id)
        if qid is not None and qid not in a.question_ids:
            a.question_ids.append(qid)

    for gap in gaps:
        base = max(1, rungs_order[gap.rung] - current_rank)
        covered = False
        for n, item in enumerate(gap.items):
            distance = base + (1 if gap.needed is not None and n >= gap.needed else 0)
            for rec in index.get(item.question_id, []):
                add(rec, distance, gap, item.question_id, item.target)
                covered = True
        for rec in index.get(gap.id, []):
            if not covered:
                add(rec, base, gap, None, None)

    pol = recs.policy
    items: list[RoadmapItem] = []
    for a in acc.values():
        rec = a.rec
        priority = pol.impact_weight[rec.impact] / pol.effort_weight[rec.effort] * pol.distance_decay ** (a.distance - 1)
        items.append(
            make(
                RoadmapItem,
                recommendation_id=rec.id,
                phase=_phase(recs, a.distance, rec.effort),
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
            )
        )
    order = {"near": 0, "mid": 1, "long": 2}
    items.sort(key=lambda it: (order[it.phase], -it.priority, it.recommendation_id))
    return items
