"""Recommendations: concrete next steps for gaps, and how the roadmap ranks them.

Data lives in questionnaires/recommendations/<questionnaire id>.yaml. Each recommendation
names the gap keys it answers (criterion ids and/or question ids), an action, typical
solutions (MES, APS, WMS, EMS, PLM, SCADA, 工业互联网平台 …), the evidence to prepare, its
effort and its impact. The ranking weights and the phase rules are data too.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated

from pydantic import Field

from .base import Id, Model, Text
from .results import Level3, Phase


class Recommendation(Model):
    id: Id
    applies_to: Annotated[tuple[Id, ...], Field(min_length=1)]
    action: Text
    solutions: tuple[str, ...] = ()
    evidence: tuple[Text, ...] = ()
    effort: Level3
    impact: Level3
    policy: Text | None = None


class PhaseRule(Model):
    """Items matching every given field fall into ``phase``; rules are tried in order.

    ``blocking``: the item answers a gap that blocks the next step (an eligibility hard-fail
    or a gap of the next rung) — true — or not — false; ``max_rung_distance``: its nearest
    gap is at most that many rungs above the one reached; ``efforts``: its effort is one of
    these. A field left out matches every item.
    """

    phase: Phase
    blocking: bool | None = None
    max_rung_distance: Annotated[int, Field(ge=1)] | None = None
    efforts: tuple[Level3, ...] = ("low", "medium", "high")


class RoadmapPolicy(Model):
    impact_weight: dict[str, float]
    effort_weight: dict[str, float]
    distance_decay: Annotated[float, Field(gt=0, le=1)]
    phases: tuple[PhaseRule, ...]
    fallback_phase: Phase = "long"
    phase_labels: dict[str, Text]
    hard_fail_categories: tuple[str, ...] = ("gate",)
    """Blocking eligibility gaps of these criterion categories (规上, clean record …) are
    hard-fails: they lead the roadmap, before the other gaps that block the next step."""


class RecommendationSet(Model):
    questionnaire: Id
    version: str
    policy: RoadmapPolicy
    recommendations: tuple[Recommendation, ...]

    def index(self) -> dict[str, list[Recommendation]]:
        """Recommendations by gap key (criterion id or question id), computed once."""
        return self._index

    @cached_property
    def _index(self) -> dict[str, list[Recommendation]]:
        out: dict[str, list[Recommendation]] = {}
        for rec in self.recommendations:
            for key in rec.applies_to:
                out.setdefault(key, []).append(rec)
        return out
