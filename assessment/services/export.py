"""Exports and reports: submitted assessments as records (JSON Lines), and a report's input.

A bureau exports the submissions of its jurisdiction. An administrator exports nothing: admins
manage accounts, organisations and links and see no assessment content (the rule table in
:mod:`.access`); only the operator at the server's console (``sfa export`` run as the system
actor, who holds the database anyway) may export every submission.
Each record is the latest submitted revision: the organisation's profile *as submitted*,
status, score, tier/level, the summary, the answers and (optionally) the full Result
snapshot. Drafts are never exported. The export itself is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import and_, select

from ..engine.results import Result
from ..storage import Database
from ..storage import repositories as repo
from ..storage.tables import Assessment, Organisation, Revision
from . import snapshots
from .access import SUBMITTED, region_clause, require_assessment
from .actors import Actor, principal
from .assessments import AssessmentView, _view, questionnaire_for
from .errors import PermissionDenied
from .evidence import EvidenceInfo, NoteInfo, list_evidence, list_notes
from .organisations import OrgInfo


def _iso(t: datetime | None) -> str | None:
    return t.isoformat() if t else None


def iter_submissions(
    db: Database, actor: Actor, *, questionnaire: str | None = None, include_result: bool = False, batch: int = 500
) -> Iterator[dict[str, Any]]:
    """Yield one record per submitted assessment the actor may export (a bureau: its
    jurisdiction; the console operator: all). Admins and everyone else are refused."""
    with db.write() as s:
        p = principal(s, actor)
        if p.role == "bureau" and p.jurisdiction:
            scope = region_clause(Assessment.region_code, p.jurisdiction)
        elif p.role == "system":
            scope = Assessment.id.is_not(None)
        else:
            raise PermissionDenied("导出提交数据（仅经信局可以）", "export submissions (bureaus only)")
        repo.add_audit(
            s,
            at=db.clock(),
            actor_id=p.user_id,
            actor=p.username,
            action="export.submissions",
            subject=p.jurisdiction or "all",
            detail={"questionnaire": questionnaire, "include_result": include_result},
        )
    conds = [SUBMITTED, scope]
    if questionnaire:
        conds.append(Assessment.questionnaire_id == questionnaire.partition("@")[0])
    cols: list[Any] = [Assessment, Organisation.credit_code, Revision.answers, Revision.summary, Revision.profile, Revision.submitted_at]
    if include_result:
        cols.append(Revision.result_z)
    stmt = (
        select(*cols)
        .join(Organisation, Organisation.id == Assessment.organisation_id)
        .join(Revision, and_(Revision.assessment_id == Assessment.id, Revision.number == Assessment.submitted_revision))
        .where(*conds)
        .order_by(Assessment.id)
    )
    with db.read() as s:
        for row in s.execute(stmt.execution_options(yield_per=batch)):
            a: Assessment = row[0]
            record: dict[str, Any] = {
                "assessment_id": a.id,
                "questionnaire": a.questionnaire_ref,
                "status": a.status,
                "revision": a.submitted_revision,
                "submitted_at": _iso(row.submitted_at),
                "organisation": row.profile or {"credit_code": row.credit_code},
                "score": a.score,
                "max_score": a.max_score,
                "rung": a.rung,
                "summary": row.summary,
                "answers": row.answers,
            }
            if include_result:
                record["result"] = snapshots.unpack(row.result_z).model_dump(mode="json") if row.result_z else None
            yield record


def submission_rows(db: Database, actor: Actor, *, questionnaire: str | None = None, with_summary: bool = True) -> list[dict[str, Any]]:
    """One small row per submitted assessment in the bureau's jurisdiction, for dashboards:
    profile as submitted, status, score, rung and (``with_summary``) the Result summary —
    read from the assessments table alone: no answers, no snapshots, no names."""
    with db.read() as s:
        p = principal(s, actor)
        if p.role != "bureau" or not p.jurisdiction:
            raise PermissionDenied("查看辖区统计（仅经信局可以）", "see jurisdiction statistics (bureaus only)")
        conds = [SUBMITTED, region_clause(Assessment.region_code, p.jurisdiction)]
        if questionnaire:
            conds.append(Assessment.questionnaire_id == questionnaire.partition("@")[0])
        cols: list[Any] = [
            Assessment.id,
            Assessment.organisation_id,
            Assessment.questionnaire_ref,
            Assessment.status,
            Assessment.region_code,
            Assessment.industry_code,
            Assessment.size_class,
            Assessment.production_type,
            Assessment.score,
            Assessment.max_score,
            Assessment.rung,
            Assessment.rung_rank,
            Assessment.last_submitted_at,
        ]
        if with_summary:
            cols.append(Assessment.summary)
        return [dict(row._mapping) for row in s.execute(select(*cols).where(*conds))]


@dataclass(frozen=True)
class ReportInput:
    """Everything a report (PDF, Excel) renders; nothing in it needs recomputing."""

    assessment: AssessmentView
    organisation: OrgInfo
    result: Result
    notes: list[NoteInfo]
    evidence: list[EvidenceInfo]


def report_input(db: Database, actor: Actor, assessment_id: int, revision: int | None = None) -> ReportInput:
    """The data of a report on one revision (default: what the caller sees by default)."""
    from .assessments import result as result_of

    with db.read() as s:
        p = principal(s, actor)
        a, access = require_assessment(s, p, assessment_id, "read")
        view = _view(s, a, access, revision)
        org = s.get(Organisation, a.organisation_id)
        assert org is not None
        info = OrgInfo.of(org)
    res = result_of(db, actor, assessment_id, view.revision)
    notes = list_notes(db, actor, assessment_id, revision=view.revision)
    files = list_evidence(db, actor, assessment_id, revision=view.revision)
    return ReportInput(view, info, res, notes, files)


def pdf_report(db: Database, actor: Actor, assessment_id: int, *, lang: Literal["zh", "en"] = "zh", revision: int | None = None) -> bytes:
    """The PDF gap report (:mod:`reports`) of what the caller may see of an assessment.

    Notes per answer (not the "verified" marks) go into the report's appendix.
    """
    from reports import ReportOptions, render_report  # reportlab loads only when a PDF is made

    ri = report_input(db, actor, assessment_id, revision)
    notes: dict[str, str] = {}
    for n in ri.notes:
        if n.kind == "note":
            notes[n.question_id] = f"{notes[n.question_id]}\n{n.text}" if n.question_id in notes else n.text
    q = questionnaire_for(ri.assessment.summary.questionnaire)
    return render_report(
        ri.result, q, ri.organisation.profile(), ReportOptions(lang=lang), answers=ri.assessment.answers, notes=notes, progress=None
    )


def build_report(
    db: Database, actor: Actor, assessment_id: int, render: Callable[[ReportInput], bytes], revision: int | None = None
) -> bytes:
    """Render a report with ``render`` (e.g. the PDF module) after the access checks."""
    return render(report_input(db, actor, assessment_id, revision))
