"""The questionnaire data model: sections, questions, options, and the grading ladder.

A questionnaire is pure data (questionnaires/<id>/<version>/*.yaml) describing

* what is asked: sections of questions, each choice option ordered from least to most
  mature, with its points and, where it applies, flags such as ``implemented`` / ``ai``;
* how it is graded: a ladder of rungs (智能工厂 tiers 基础级 → 领航级, or 智改数转 levels
  一级 → 四级), each with criteria written as conditions (see :mod:`.conditions`);
* what counts as contradictory: consistency warnings.

Every scored item and every criterion cites its source document and clause with a
confidence mark (A–C of reference/standards.md).
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field

from .base import Confidence, Id, Model, SourceRef, Text
from .conditions import Condition, Selector
from .recommendations import RecommendationSet

QuestionKind = Literal["single", "multi", "yesno", "number", "text"]
AnswerValue = str | bool | int | float | tuple[str, ...]


class Range(Model):
    """A numeric band an option stands for, e.g. (20%, 40%] → min 20, max 40."""

    min: float
    max: float
    min_inclusive: bool = False
    max_inclusive: bool = True

    def contains(self, x: float) -> bool:
        lo_ok = x >= self.min if self.min_inclusive else x > self.min
        hi_ok = x <= self.max if self.max_inclusive else x < self.max
        return lo_ok and hi_ok


class Option(Model):
    """One choice. Options are listed least → most mature; ``score`` is the points earned.

    ``exclusive`` marks a multi-choice「无」(none) option: chosen alone it means none of the
    others; chosen together with others it is ignored.
    """

    value: Id
    label: Text
    score: Annotated[float, Field(ge=0)] = 0.0
    flags: tuple[Id, ...] = ()
    exclusive: bool = False
    range: Range | None = None
    description: Text | None = None
    evidence_hints: tuple[Text, ...] = ()


class NumberSpec(Model):
    unit: Text | None = None
    min: float | None = None
    max: float | None = None
    integer: bool = False


class Question(Model):
    """A question. ``points`` is its maximum score; 0 means informational (not scored)."""

    id: Id
    kind: QuestionKind
    label: Text
    help: Text | None = None
    options: tuple[Option, ...] = ()
    points: Annotated[float, Field(ge=0)] = 0.0
    yes_score: Annotated[float, Field(ge=0)] | None = None
    number: NumberSpec | None = None
    max_length: Annotated[int, Field(gt=0)] = 2000
    tags: tuple[Id, ...] = ()
    stage: Id | None = None
    tier: Id | None = None
    guide_stage: Id | None = None
    show_if: Condition | None = None
    applies_if: Condition | None = None
    evidence_hints: tuple[Text, ...] = ()
    evidence_hints_source: str | None = None
    source: SourceRef | None = None
    confidence: Confidence | None = None
    notes: tuple[str, ...] = ()

    def option(self, value: str) -> Option | None:
        """The option with ``value``, or None."""
        i = self.rank_index.get(value)
        return None if i is None else self.options[i]

    def rank(self, value: str) -> int:
        """Position of option ``value`` in the maturity order (0 = least mature), -1 if unknown."""
        return self.rank_index.get(value, -1)

    @cached_property
    def rank_index(self) -> dict[str, int]:
        return {o.value: i for i, o in enumerate(self.options)}

    @property
    def scored(self) -> bool:
        return self.points > 0


class Section(Model):
    """A group of questions shown together (a step of the questionnaire)."""

    id: Id
    label: Text
    help: Text | None = None
    points: Annotated[float, Field(ge=0)] | None = None
    radar: bool = False
    questions: tuple[Question, ...]
    source: SourceRef | None = None
    confidence: Confidence | None = None


class Criterion(Model):
    """One condition of a rung. ``kind`` separates capability from eligibility to apply."""

    id: Id
    label: Text
    category: Literal["gate", "maturity", "coverage", "depth", "ai", "benchmark", "outcome", "score", "scenarios", "recognition"]
    kind: Literal["capability", "eligibility"] = "capability"
    require: Condition
    source: SourceRef
    confidence: Confidence
    note: Text | None = None


class Rung(Model):
    """A step of the grading ladder: a tier (基础级 …) or a level (一级 …)."""

    id: Id
    label: Text
    rank: Annotated[int, Field(ge=1)]
    summary: Text | None = None
    criteria: tuple[Criterion, ...]
    source: SourceRef
    confidence: Confidence


class Grading(Model):
    """The ladder. ``cumulative``: a rung needs every lower rung; ``first_from_top``: the
    highest rung whose own criteria hold (as the 2024 SME rule is written)."""

    kind: Literal["tier", "level"]
    rule: Literal["cumulative", "first_from_top"]
    none_label: Text
    rungs: tuple[Rung, ...]
    source: SourceRef
    confidence: Confidence


class Stage(Model):
    """A 环节 of the 要素条件 and the 场景指引 环节 mapped onto it."""

    id: Id
    label: Text
    guide_stages: tuple[Id, ...] = ()


class GuideStage(Model):
    id: Id
    label: Text


class StageMapping(Model):
    stages: tuple[Stage, ...]
    guide_stages: tuple[GuideStage, ...] = ()
    source: SourceRef
    confidence: Confidence
    note: Text | None = None


class ConsistencyRule(Model):
    """Answers that contradict each other. ``kind`` picks the check; see :mod:`.consistency`."""

    id: Id
    kind: Literal["rank_not_above", "number_not_above", "band_matches_ratio", "implies", "agrees"]
    message: Text
    criterion: Id | None = None
    left: Id | None = None
    right: Id | None = None
    numerator: Id | None = None
    denominator: Id | None = None
    band: Id | None = None
    when: Condition | None = None
    then: Condition | None = None


class MetricDef(Model):
    """A figure shown with the result (e.g. AI 场景占比), measured like a count/share rule."""

    id: Id
    label: Text
    of: Condition
    unit: Literal["", "%", "count"] = ""


class SourceDoc(Model):
    id: Id
    title: str
    number: str = ""
    url: str = ""
    confidence: Confidence
    note: str = ""


class Questionnaire(Model):
    """A versioned questionnaire. ``ref`` (``id@version``) is recorded in every result."""

    id: Id
    version: Annotated[str, Field(pattern=r"^[0-9][0-9A-Za-z.\-]*$")]
    title: Text
    effective_date: str
    description: Text | None = None
    sources: tuple[SourceDoc, ...]
    score_note: Text | None = None
    total_points: Annotated[float, Field(gt=0)] | None = None
    stages: StageMapping | None = None
    sections: tuple[Section, ...]
    grading: Grading
    consistency: tuple[ConsistencyRule, ...] = ()
    metrics: tuple[MetricDef, ...] = ()
    recommendations: RecommendationSet | None = None

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question in display order."""
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, qid: str) -> Question:
        """The question with id ``qid``; KeyError if none."""
        return self.question_index[qid]

    def section_of(self, qid: str) -> Section:
        for s in self.sections:
            if any(q.id == qid for q in s.questions):
                return s
        raise KeyError(qid)

    def rung(self, rid: str) -> Rung:
        for r in self.grading.rungs:
            if r.id == rid:
                return r
        raise KeyError(rid)

    @cached_property
    def criterion_index(self) -> dict[str, Criterion]:
        """Criteria of every rung by id."""
        return {c.id: c for r in self.grading.rungs for c in r.criteria}

    @cached_property
    def source_titles(self) -> dict[str, str]:
        """Display title of each source document: title plus document number (unless the
        title already names it, as 「GB/T 39116-2020 智能制造能力成熟度模型」 does)."""
        return {d.id: d.title + (f"（{d.number}）" if d.number and d.number not in d.title else "") for d in self.sources}

    @cached_property
    def condition_aliases(self) -> dict[int, int]:
        """For each leaf condition object, the identity of the first equal one, so equal
        conditions (e.g. 基础级 practices required again by every higher tier) are evaluated
        once per assessment. Computed once per questionnaire."""
        from .conditions import AllTrue, Count, Share, walk

        first: dict[object, int] = {}
        out: dict[int, int] = {}
        roots = [c.require for r in self.grading.rungs for c in r.criteria] + [m.of for m in self.metrics]
        for root in roots:
            for cond in walk(root):
                if isinstance(cond, (AllTrue, Count, Share)):
                    out[id(cond)] = first.setdefault(cond, id(cond))
        return out

    @cached_property
    def guide_stage_map(self) -> dict[str, str]:
        """场景指引 环节 → 要素条件 环节 (the ``stages`` table)."""
        return {g: st.id for st in (self.stages.stages if self.stages else ()) for g in st.guide_stages}

    def stage_of(self, q: Question) -> str | None:
        """The 要素条件 环节 of a question: its own ``stage`` or its guide stage's."""
        if q.stage is not None:
            return q.stage
        return self.guide_stage_map.get(q.guide_stage) if q.guide_stage else None

    @cached_property
    def selector_cache(self) -> dict[object, tuple[Question, ...]]:
        """Questions matching a selector (before profile applicability), filled on demand."""
        return {}

    def matching(self, sel: Selector) -> tuple[Question, ...]:
        """Questions matching a selector in display order (before profile applicability)."""
        hit = self.selector_cache.get(sel)
        if hit is None:
            hit = self.selector_cache[sel] = tuple(
                q
                for s in self.sections
                if sel.section is None or s.id == sel.section
                for q in s.questions
                if (not sel.tags or set(sel.tags) <= set(q.tags))
                and (sel.stage is None or self.stage_of(q) == sel.stage)
                and (sel.tier is None or q.tier == sel.tier)
            )
        return hit

    @cached_property
    def question_index(self) -> dict[str, Question]:
        """Questions by id (computed once per questionnaire)."""
        return {q.id: q for q in self.questions}


class Profile(Model):
    """The enterprise being assessed. Only used for applicability and for display."""

    name: str = ""
    credit_code: str = ""
    region: str = ""
    industry: str = ""
    size: str = ""
    production_type: str = ""
