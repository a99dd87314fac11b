"""What a reviewer reads besides the Result: the answers as text, and — for a resubmission —
what changed since the bureau returned it.

A returned assessment gets a new draft revision; when the enterprise submits it again, the
previous *submitted* revision is what the bureau saw when it returned it. The changes are the
questions whose answers differ between the two (added, removed or changed answers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..engine.base import Text
from ..engine.models import Question, Questionnaire
from ..storage import Database
from .actors import Actor
from .assessments import get_assessment, questionnaire_for
from .listing import list_revisions

YES, NO, NONE = Text(zh="是", en="yes"), Text(zh="否", en="no"), Text(zh="（未作答）", en="(not answered)")


def answer_text(q: Question, value: Any) -> Text:
    """An answer as the enterprise gave it, in zh and en."""
    if value is None or value == [] or value == ():
        return NONE
    if q.kind == "yesno":
        return YES if value is True else NO
    if q.kind == "single" and isinstance(value, str):
        opt = q.option(value)
        return opt.label if opt else Text(zh=value, en=value)
    if q.kind == "multi" and isinstance(value, list | tuple):
        opts = [o for o in q.options if o.value in value]
        return Text(zh="；".join(o.label.zh for o in opts) or "—", en="; ".join(o.label.en for o in opts) or "—")
    if q.kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        unit = q.number.unit if q.number and q.number.unit else None
        return Text(zh=f"{value:g} {unit.zh if unit else ''}".strip(), en=f"{value:g} {unit.en if unit else ''}".strip())
    return Text(zh=str(value), en=str(value))


@dataclass(frozen=True)
class AnswerRow:
    question_id: str
    section: Text
    label: Text
    answer: Text


def answer_rows(q: Questionnaire, answers: dict[str, Any]) -> list[AnswerRow]:
    """Every question in order, with its answer as text."""
    return [AnswerRow(x.id, s.label, x.label, answer_text(x, answers.get(x.id))) for s in q.sections for x in s.questions]


@dataclass(frozen=True)
class Change:
    question_id: str
    label: Text
    before: Text
    after: Text


def changes_since_return(db: Database, actor: Actor, assessment_id: int) -> list[Change] | None:
    """Answers that differ between the revision the bureau returned and the one resubmitted;
    None when the shown submission is not a resubmission."""
    view = get_assessment(db, actor, assessment_id)
    if view.submitted_at is None:
        return None
    submitted = [r.number for r in list_revisions(db, actor, assessment_id) if r.submitted_at is not None and r.number < view.revision]
    if not submitted:
        return None
    before = get_assessment(db, actor, assessment_id, max(submitted)).answers
    q = questionnaire_for(view.summary.questionnaire)
    out = []
    for x in q.questions:
        a, b = before.get(x.id), view.answers.get(x.id)
        if a != b:
            out.append(Change(x.id, x.label, answer_text(x, a), answer_text(x, b)))
    return out
