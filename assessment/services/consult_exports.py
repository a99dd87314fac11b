"""Editable exports of one assessment for the consultant and the enterprise: the action plan
(Excel) and the draft 申报书 (Word), made after the same access checks as the PDF."""

from __future__ import annotations

from ..io.action_plan import write_action_plan
from ..io.application_docx import ApplicationError, write_application
from ..storage import Database
from .actors import Actor
from .assessments import questionnaire_for
from .errors import InvalidInput
from .export import ReportInput, report_input


def _notes(ri: ReportInput) -> dict[str, str]:
    notes: dict[str, str] = {}
    for n in ri.notes:
        if n.kind == "note":
            notes[n.question_id] = f"{notes[n.question_id]}\n{n.text}" if n.question_id in notes else n.text
    return notes


def action_plan_xlsx(db: Database, actor: Actor, assessment_id: int, revision: int | None = None) -> bytes:
    """The action-plan workbook of what the caller may see of an assessment."""
    ri = report_input(db, actor, assessment_id, revision)
    q = questionnaire_for(ri.assessment.summary.questionnaire)
    return write_action_plan(q, ri.result, ri.assessment.answers, ri.organisation.profile(), _notes(ri))


def application_docx(db: Database, actor: Actor, assessment_id: int, revision: int | None = None) -> bytes:
    """The draft 申报书 of a smart-factory assessment (InvalidInput for other questionnaires)."""
    ri = report_input(db, actor, assessment_id, revision)
    q = questionnaire_for(ri.assessment.summary.questionnaire)
    evidence: dict[str, list[str]] = {}
    for e in ri.evidence:
        evidence.setdefault(e.question_id, []).append(e.filename)
    try:
        return write_application(
            q, ri.result, ri.assessment.answers, ri.organisation.profile(), _notes(ri), evidence, ri.organisation.region_name
        )
    except ApplicationError as exc:
        zh, _, en = str(exc).partition(" / ")
        raise InvalidInput("questionnaire", zh, en or zh) from None
