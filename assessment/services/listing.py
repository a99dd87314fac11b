"""Listing assessments: what each user may see, filtered, paged, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from ..storage import Database
from ..storage import repositories as repo
from ..storage.tables import Assessment, Organisation
from .access import region_clause, require_assessment, visible_assessments_clause
from .actors import Actor, principal
from .assessments import AssessmentSummary, Page
from .errors import InvalidInput


def list_assessments(
    db: Database,
    actor: Actor,
    *,
    status: str | None = None,
    questionnaire: str | None = None,
    region: str | None = None,
    industry: str | None = None,
    organisation_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> Page:
    """What ``actor`` may see, newest first; ``region`` narrows to a GB/T 2260 prefix."""
    limit = max(1, min(int(limit), 10_000))
    with db.read() as s:
        p = principal(s, actor)
        conds = [visible_assessments_clause(p)]
        if status:
            conds.append(Assessment.status == status)
        if questionnaire:
            conds.append(Assessment.questionnaire_id == questionnaire.partition("@")[0])
        if region:
            try:
                conds.append(region_clause(Assessment.region_code, region))
            except ValueError:
                raise InvalidInput("region", "行政区划代码为 6 位数字", "a region code has 6 digits") from None
        if industry:
            conds.append(Assessment.industry_code.startswith(industry))
        if organisation_id is not None:
            conds.append(Assessment.organisation_id == (organisation_id if repo.valid_id(organisation_id) else 0))
        total = s.scalar(select(func.count()).select_from(Assessment).where(*conds)) or 0
        order = (
            (Assessment.last_submitted_at.desc(), Assessment.id.desc())
            if p.role == "bureau"
            else (Assessment.updated_at.desc(), Assessment.id.desc())
        )
        # the page's ids first (sorting narrow rows), then the rows and names of just those
        page_ids = select(Assessment.id).where(*conds).order_by(*order).limit(limit).offset(offset).scalar_subquery()
        stmt = (
            select(Assessment, Organisation.name)
            .join(Organisation, Organisation.id == Assessment.organisation_id)
            .where(Assessment.id.in_(page_ids))
            .order_by(*order)
        )
        return Page([AssessmentSummary.of(a, name) for a, name in s.execute(stmt)], int(total))


@dataclass(frozen=True)
class RevisionInfo:
    number: int
    answered: int
    submitted_at: datetime | None
    score: float | None
    rung: str | None


def list_revisions(db: Database, actor: Actor, assessment_id: int) -> list[RevisionInfo]:
    """Revisions of an assessment (a bureau sees only submitted ones)."""
    with db.read() as s:
        a, access = require_assessment(s, principal(s, actor), assessment_id, "read")
        out = []
        for r in repo.revisions(s, a.id):
            if access == "reviewer" and r.submitted_at is None:
                continue
            summ = r.summary or {}
            out.append(RevisionInfo(r.number, r.answered, r.submitted_at, summ.get("score"), summ.get("rung")))
        return out
