"""The access rules, in one place. Every service asks here before it reads or writes.

=============  ===================================================================
enterprise     its own organisation: the profile, every assessment and revision
consultant     the organisations linked to it (consultant_clients), like their owner
bureau         assessments that have been submitted (never a draft, never the draft
               revision of a returned one) whose region lies in its jurisdiction
               (GB/T 2260 prefix: 51 province, 5101 city, 510104 district); it may
               return or verify them
admin          accounts, organisations and links; no assessment content
=============  ===================================================================

"Owner" below means enterprise-of-the-organisation or linked consultant; "reviewer" means a
bureau whose jurisdiction covers the submission.
"""

from __future__ import annotations

from typing import Literal, Protocol

from sqlalchemy import ColumnElement, and_, false, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..refdata import jurisdiction_prefix, prefix_range
from ..storage import repositories as repo
from ..storage.tables import Assessment, ConsultantClient, Organisation
from .actors import Actor
from .errors import NotFound, PermissionDenied

Access = Literal["owner", "reviewer"]

SUBMITTED = Assessment.status != "draft"
"""Submitted at least once (a CHECK constraint ties it to ``submitted_revision``); written on
``status`` so that the (region_code, status, last_submitted_at) index answers listings alone."""


def region_clause(column: InstrumentedAttribute[str], jurisdiction: str) -> ColumnElement[bool]:
    """``column`` lies in the jurisdiction, as an index-friendly range."""
    lo, hi = prefix_range(jurisdiction_prefix(jurisdiction))
    return and_(column >= lo, column < hi) if hi is not None else column >= lo


def owns_org(s: Session | Connection, p: Actor, organisation_id: int) -> bool:
    if p.role == "enterprise":
        return p.organisation_id == organisation_id
    if p.role == "consultant" and p.user_id is not None:
        return repo.is_linked(s, p.user_id, organisation_id)
    return False


def org_visible(s: Session, p: Actor, org: Organisation) -> bool:
    if p.is_admin or owns_org(s, p, org.id):
        return True
    if p.role == "bureau" and p.jurisdiction:
        stmt = select(Assessment.id).where(
            Assessment.organisation_id == org.id,
            SUBMITTED,
            region_clause(Assessment.region_code, p.jurisdiction),
        )
        return s.execute(stmt.limit(1)).first() is not None
    return False


def visible_orgs_clause(p: Actor) -> ColumnElement[bool]:
    if p.is_admin:
        return Organisation.id.is_not(None)
    if p.role == "enterprise":
        return Organisation.id == p.organisation_id if p.organisation_id is not None else false()
    if p.role == "consultant":
        linked = select(ConsultantClient.organisation_id).where(ConsultantClient.consultant_id == p.user_id)
        return Organisation.id.in_(linked)
    if p.role == "bureau" and p.jurisdiction:
        submitted = select(Assessment.organisation_id).where(SUBMITTED, region_clause(Assessment.region_code, p.jurisdiction))
        return Organisation.id.in_(submitted)
    return false()


def visible_assessments_clause(p: Actor) -> ColumnElement[bool]:
    """The assessments ``p`` may list (owner or reviewer). Admins: none."""
    if p.role == "enterprise":
        return Assessment.organisation_id == p.organisation_id if p.organisation_id is not None else false()
    if p.role == "consultant":
        linked = select(ConsultantClient.organisation_id).where(ConsultantClient.consultant_id == p.user_id)
        return Assessment.organisation_id.in_(linked)
    if p.role == "bureau" and p.jurisdiction:
        return and_(SUBMITTED, region_clause(Assessment.region_code, p.jurisdiction))
    return false()


class AssessmentLike(Protocol):
    """An assessment row or entity: what the access rule looks at."""

    @property
    def organisation_id(self) -> int: ...
    @property
    def submitted_revision(self) -> int | None: ...
    @property
    def region_code(self) -> str: ...


def access_to(s: Session | Connection, p: Actor, a: AssessmentLike) -> Access | None:
    linked = p.role == "consultant" and p.user_id is not None and repo.is_linked(s, p.user_id, a.organisation_id)
    return access_rule(p, a, linked)


def access_rule(p: Actor, a: AssessmentLike, linked: bool) -> Access | None:
    """The rule itself, given whether ``p`` is a consultant linked to the organisation."""
    if (p.role == "enterprise" and p.organisation_id == a.organisation_id) or (p.role == "consultant" and linked):
        return "owner"
    if p.role == "bureau" and p.jurisdiction and a.submitted_revision is not None:
        if a.region_code.startswith(jurisdiction_prefix(p.jurisdiction)):
            return "reviewer"
    return None


def check_access(assessment_id: int, access: Access | None, need: Literal["read", "owner", "reviewer"]) -> Access:
    """NotFound when nothing is visible; PermissionDenied when visible but not allowed."""
    if access is None:
        raise NotFound("assessment", assessment_id)
    if need == "owner" and access != "owner":
        raise PermissionDenied(
            "修改该评估（仅企业本身或其签约服务商可以）", "change this assessment (only the enterprise or its linked consultant may)"
        )
    if need == "reviewer" and access != "reviewer":
        raise PermissionDenied("审核该评估（仅辖区经信局可以）", "review this assessment (only the bureau of its jurisdiction may)")
    return access


def require_assessment(
    s: Session, p: Actor, assessment_id: int, need: Literal["read", "owner", "reviewer"], *, for_update: bool = False
) -> tuple[Assessment, Access]:
    """The assessment if ``p`` may do ``need`` with it; NotFound if ``p`` cannot see it."""
    a = repo.assessment(s, assessment_id, for_update=for_update)
    if a is None:
        raise NotFound("assessment", assessment_id)
    return a, check_access(assessment_id, access_to(s, p, a), need)


def require_org(s: Session, p: Actor, organisation_id: int) -> Organisation:
    org = s.get(Organisation, organisation_id) if repo.valid_id(organisation_id) else None
    if org is None or not org_visible(s, p, org):
        raise NotFound("organisation", organisation_id)
    return org


def require_admin(p: Actor, zh_what: str, en_what: str) -> None:
    if not p.is_admin:
        raise PermissionDenied(zh_what, en_what)
