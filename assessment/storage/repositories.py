"""Queries the services share. No access control here: callers decide who may see what.

Writers that change an assessment lock its row first (``FOR UPDATE`` on PostgreSQL; on
SQLite the write transaction already holds the database's write lock), always in the order
assessment → revision, so concurrent writers queue instead of deadlocking.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from .audit_chain import Sealer
from .tables import Assessment, ConsultantClient, Organisation, Revision, User

MAX_ID = 2**31 - 1
"""Integer primary keys are 32-bit on PostgreSQL: a larger id names nothing (and must not
reach the driver, which would raise an overflow instead of finding no row)."""


def valid_id(value: object) -> bool:
    """Whether ``value`` can be a row id at all: an int (not a bool) in 1 … :data:`MAX_ID`."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def user_by_username(s: Session, username: str) -> User | None:
    return s.scalars(select(User).where(User.username == username)).one_or_none()


def org_by_credit_code(s: Session, credit_code: str) -> Organisation | None:
    return s.scalars(select(Organisation).where(Organisation.credit_code == credit_code)).one_or_none()


def is_linked(s: Session | Connection, consultant_id: int, organisation_id: int) -> bool:
    stmt = select(ConsultantClient.consultant_id).where(
        ConsultantClient.consultant_id == consultant_id, ConsultantClient.organisation_id == organisation_id
    )
    return s.execute(stmt).first() is not None


def linked_org_ids(s: Session, consultant_id: int) -> list[int]:
    return list(s.scalars(select(ConsultantClient.organisation_id).where(ConsultantClient.consultant_id == consultant_id)))


def assessment(s: Session, assessment_id: int, *, for_update: bool = False) -> Assessment | None:
    if not valid_id(assessment_id):
        return None
    stmt = select(Assessment).where(Assessment.id == assessment_id)
    if for_update:
        stmt = stmt.with_for_update()
    return s.scalars(stmt).one_or_none()


def revision(s: Session, assessment_id: int, number: int) -> Revision | None:
    stmt = select(Revision).where(Revision.assessment_id == assessment_id, Revision.number == number)
    return s.scalars(stmt).one_or_none()


def revisions(s: Session, assessment_id: int) -> list[Revision]:
    return list(s.scalars(select(Revision).where(Revision.assessment_id == assessment_id).order_by(Revision.number)))


def add_audit(
    s: Session,
    *,
    at: datetime,
    actor_id: int | None,
    actor: str,
    action: str,
    organisation_id: int | None = None,
    assessment_id: int | None = None,
    subject: str = "",
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one sealed audit row in ``s``'s transaction (see :mod:`.audit_chain`)."""
    sealer = s.info.get("sfa_audit")
    if not isinstance(sealer, Sealer):
        raise RuntimeError("add_audit needs a session from Database.write()")
    s.flush()  # the row may name objects added in this session
    sealer.append(
        s.connection(),
        [
            {
                "at": at,
                "actor_id": actor_id,
                "actor": actor,
                "action": action,
                "organisation_id": organisation_id,
                "assessment_id": assessment_id,
                "subject": subject,
                "detail": detail or {},
            }
        ],
    )
