"""Progress between two rounds of the same questionnaire: what changed since last time.

A consultant returns a year later; the enterprise wants to know what the work achieved.
:func:`compare_rounds` reads two Results (the previous round and this one) and says, in the
order a reader cares about: whether the tier or level changed (and the tier it may apply
for), the score, each section's change in percent, the gaps closed since, and the gaps that
are new. Pure: Results in, a :class:`RoundComparison` out; the UI and the PDF render it.

Both Results must be of the same questionnaire id; versions may differ (sections are then
matched by id, and a section that exists in only one round is shown with the other side
empty).
"""

from __future__ import annotations

from typing import Literal

from .base import Model, Text, make
from .results import Gap, Result

Direction = Literal["up", "down", "same"]


class SectionDelta(Model):
    id: str
    label: Text
    before: float | None
    after: float | None
    delta: float | None


class GapChange(Model):
    id: str
    rung_label: Text
    label: Text
    blocks_next: bool


class RoundComparison(Model):
    """What changed from ``previous`` to ``current``; section deltas are percentage points."""

    questionnaire_before: str
    questionnaire_after: str
    grading: Literal["tier", "level"]
    rung_before: Text
    rung_after: Text
    rank_before: int
    rank_after: int
    rung_change: Direction
    eligible_before: Text | None = None
    eligible_after: Text | None = None
    eligible_change: Direction = "same"
    score_before: float
    score_after: float
    score_delta: float
    max_before: float
    max_after: float
    sections: tuple[SectionDelta, ...]
    gaps_closed: tuple[GapChange, ...]
    gaps_new: tuple[GapChange, ...]

    @property
    def headline(self) -> Text:
        """One sentence: the tier/level change first.

        Scores are shown to one decimal: ``8.6 → 29.5（+21）``.
        """
        b, a, d = _num(self.score_before), _num(self.score_after), _num(self.score_delta, sign=True)
        kind_zh, kind_en = ("等级", "Tier") if self.grading == "tier" else ("水平", "Level")
        if self.rung_change == "same":
            return Text(
                zh=f"{kind_zh}保持为「{self.rung_before.zh}」，总分 {b} → {a}（{d}）",
                en=f"{kind_en} unchanged at {self.rung_before.en}; score {b} → {a} ({d})",
            )
        verb_zh, verb_en = ("提升", "rose") if self.rung_change == "up" else ("下降", "fell")
        return Text(
            zh=f"{kind_zh}由「{self.rung_before.zh}」{verb_zh}为「{self.rung_after.zh}」，总分 {b} → {a}（{d}）",
            en=f"{kind_en} {verb_en} from {self.rung_before.en} to {self.rung_after.en}; score {b} → {a} ({d})",
        )


def _num(x: float, sign: bool = False) -> str:
    """``x`` to one decimal without a trailing ``.0``.

    >>> _num(21.0, sign=True), _num(8.571)
    ('+21', '8.6')
    """
    text = f"{x:+.1f}" if sign else f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _rank(r: Result) -> int:
    return max((x.rank for x in r.rungs if x.reached), default=0)


def _eligible_rank(r: Result) -> int:
    return max((x.rank for x in r.rungs if x.eligible), default=0)


def _direction(before: int, after: int) -> Direction:
    return "up" if after > before else "down" if after < before else "same"


def _change(g: Gap) -> GapChange:
    return make(GapChange, id=g.id, rung_label=g.rung_label, label=g.label, blocks_next=g.blocks_next)


def _round(x: float) -> float:
    return round(x, 1)


def compare_rounds(previous: Result, current: Result) -> RoundComparison:
    """Compare ``current`` with ``previous`` (same questionnaire id, any versions).

    ValueError if the questionnaires differ (a tier and an SME level are not comparable).
    """
    if previous.questionnaire.partition("@")[0] != current.questionnaire.partition("@")[0] or previous.grading != current.grading:
        raise ValueError(f"rounds of different questionnaires: {previous.questionnaire} vs {current.questionnaire}")
    before = {s.id: s for s in previous.sections}
    after_ids = {s.id for s in current.sections}
    sections = [
        make(
            SectionDelta,
            id=s.id,
            label=s.label,
            before=before[s.id].percent if s.id in before else None,
            after=s.percent,
            delta=_round(s.percent - before[s.id].percent) if s.id in before else None,
        )
        for s in current.sections
    ]
    sections += [
        make(SectionDelta, id=s.id, label=s.label, before=s.percent, after=None, delta=None)
        for s in previous.sections
        if s.id not in after_ids
    ]
    old_gaps = {g.id for g in previous.gaps}
    new_gaps = {g.id for g in current.gaps}
    rb, ra = _rank(previous), _rank(current)
    return make(
        RoundComparison,
        questionnaire_before=previous.questionnaire,
        questionnaire_after=current.questionnaire,
        grading=current.grading,
        rung_before=previous.rung_label,
        rung_after=current.rung_label,
        rank_before=rb,
        rank_after=ra,
        rung_change=_direction(rb, ra),
        eligible_before=previous.eligible_label,
        eligible_after=current.eligible_label,
        eligible_change=_direction(_eligible_rank(previous), _eligible_rank(current)) if current.grading == "tier" else "same",
        score_before=previous.score,
        score_after=current.score,
        score_delta=_round(current.score - previous.score),
        max_before=previous.max_score,
        max_after=current.max_score,
        sections=tuple(sections),
        gaps_closed=tuple(_change(g) for g in previous.gaps if g.id not in new_gaps),
        gaps_new=tuple(_change(g) for g in current.gaps if g.id not in old_gaps),
    )
