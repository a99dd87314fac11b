"""The assessment result: everything the UI, the PDF and the bureau need, self-explaining.

A :class:`Result` carries its own labels (zh/en), so a renderer never has to look anything
up or recompute anything: per-section scores, for every rung of the ladder the criteria met
and unmet with the answers that decided them, the gaps to the next rungs, a prioritised
roadmap and consistency warnings.
"""

from __future__ import annotations

from typing import Literal

from .base import Confidence, Model, SourceRef, Text

Phase = Literal["near", "mid", "long"]
Level3 = Literal["low", "medium", "high"]


class AnswerRef(Model):
    """A question and the answer given to it, as displayed (the evidence of a criterion)."""

    question_id: str
    label: Text
    answer: Text


class SectionScore(Model):
    id: str
    label: Text
    earned: float
    max: float
    percent: float
    target_percent: float | None = None
    radar: bool = False


class CriterionResult(Model):
    id: str
    label: Text
    category: str
    kind: Literal["capability", "eligibility"]
    met: bool
    explanation: Text
    actual: float | None = None
    required: float | None = None
    evidence: tuple[AnswerRef, ...] = ()
    failing: tuple[str, ...] = ()
    unanswered: tuple[str, ...] = ()
    """The failing questions left unanswered: shown as 「未作答」, still counted as not met."""
    source: SourceRef
    source_title: str = ""
    confidence: Confidence
    note: Text | None = None


class RungResult(Model):
    id: str
    label: Text
    rank: int
    capability_met: bool
    eligibility_met: bool
    reached: bool
    eligible: bool
    verdict: Text
    criteria: tuple[CriterionResult, ...]


class GapItem(Model):
    """A question whose answer must improve to close a gap, with the answer it needs."""

    question_id: str
    label: Text
    current: Text
    target: Text
    gain: float = 0.0
    steps: int = 0
    constraint: bool = False
    unanswered: bool = False
    """No answer was given: shown as 「未作答」 with a prompt to answer; counts as not met."""


class Gap(Model):
    """An unmet criterion of a rung above (or not yet open to) the enterprise."""

    id: str
    rung: str
    rung_label: Text
    kind: Literal["capability", "eligibility"]
    category: str
    label: Text
    explanation: Text
    blocks_next: bool
    needed: int | None = None
    items: tuple[GapItem, ...] = ()
    unanswered: bool = False
    """Every question that decides this gap is unanswered (「未作答」)."""
    source: SourceRef
    confidence: Confidence


class RoadmapItem(Model):
    recommendation_id: str
    phase: Phase
    priority: float
    action: Text
    solutions: tuple[str, ...]
    evidence: tuple[Text, ...]
    effort: Level3
    impact: Level3
    policy: Text | None = None
    gap_ids: tuple[str, ...]
    question_ids: tuple[str, ...] = ()
    target: Text | None = None
    blocking: bool = False
    """Answers a gap that blocks the next step (next rung, or an eligibility hard-fail)."""
    rung_distance: int = 1
    """Rungs above the one reached that the nearest gap answered belongs to (1 = next)."""


class ConsistencyWarning(Model):
    id: str
    message: Text
    question_ids: tuple[str, ...]


class Metric(Model):
    id: str
    label: Text
    value: float
    unit: str = ""


class Result(Model):
    questionnaire: str
    questionnaire_title: Text
    engine_version: str
    grading: Literal["tier", "level"]
    tier: str | None = None
    level: int | None = None
    rung_label: Text
    eligible_tier: str | None = None
    eligible_label: Text | None = None
    next_rung: str | None = None
    next_rung_label: Text | None = None
    score: float
    max_score: float
    answered: int
    total_questions: int
    sections: tuple[SectionScore, ...]
    rungs: tuple[RungResult, ...]
    metrics: tuple[Metric, ...] = ()
    gaps: tuple[Gap, ...]
    roadmap: tuple[RoadmapItem, ...]
    warnings: tuple[ConsistencyWarning, ...]
    verdict: Text
