"""Progress: how much of a questionnaire is answered — the one definition used everywhere.

A question counts when it is *asked* (shown for these answers and this profile: its
``show_if`` / ``applies_if`` hold) and it has an answer (``None`` is unanswered; an empty
multiple choice is the answer 「无」). The total is the number of questions asked, so a
question hidden by an earlier answer is neither missing nor counted. The result page, the
questionnaire page, the list of rounds and the PDF all show these figures; none counts on
its own.

A part (section) is complete when every question asked in it is answered. The scenario
inventory is complete once every scenario is marked — the page offers 「其余均未实施」 to
mark the unticked rows 未实施 in one step, so a finished inventory is never "unanswered".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .answers import check_answers
from .base import Model, Text, make
from .context import Context
from .models import Profile, Questionnaire


class PartProgress(Model):
    """One section: questions asked, answered, and the first one still open."""

    id: str
    label: Text
    answered: int
    total: int
    first_open: str | None = None

    @property
    def complete(self) -> bool:
        return self.answered >= self.total


class Progress(Model):
    answered: int
    total: int
    parts: tuple[PartProgress, ...]

    @property
    def complete(self) -> bool:
        return self.answered >= self.total

    @property
    def share(self) -> float:
        """Answered share in [0, 1] (1 when nothing is asked)."""
        return min(1.0, self.answered / self.total) if self.total else 1.0

    @property
    def first_open_part(self) -> int:
        """Index of the first part (among parts that ask anything) with an unanswered
        question; 0 when everything is answered."""
        asked = [p for p in self.parts if p.total]
        return next((i for i, p in enumerate(asked) if not p.complete), 0)


def progress_of(ctx: Context) -> Progress:
    """Progress of the answers in ``ctx`` (see the module docstring)."""
    parts = []
    for s in ctx.questionnaire.sections:
        asked = [q for q in s.questions if ctx.shown(q)]
        open_ = [q for q in asked if q.id not in ctx.answers]
        parts.append(
            make(
                PartProgress,
                id=s.id,
                label=s.label,
                answered=len(asked) - len(open_),
                total=len(asked),
                first_open=open_[0].id if open_ else None,
            )
        )
    return make(Progress, answered=sum(p.answered for p in parts), total=sum(p.total for p in parts), parts=tuple(parts))


def progress(questionnaire: Questionnaire, answers: Mapping[str, Any], profile: Profile | Mapping[str, Any] | None = None) -> Progress:
    """How many of the questions asked are answered, overall and per part."""
    from .assess import _profile

    return progress_of(Context(questionnaire, check_answers(questionnaire, answers), _profile(profile)))
