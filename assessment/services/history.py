"""Reading the audit log: an assessment's history, and the account log for admins.

Owners (the enterprise, its consultant) see everything that happened to their assessment,
including each answer's old and new value; a bureau sees only the status changes (it never
sees draft answers); admins see account, organisation and link events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from ..storage import Database
from ..storage.tables import AuditEntry
from .access import require_admin, require_assessment
from .actors import Actor, principal

STATUS_ACTIONS = ("assessment.submit", "assessment.return", "assessment.verify")
ACCOUNT_PREFIXES = ("user.", "organisation.", "link.", "export")


@dataclass(frozen=True)
class AuditInfo:
    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    detail: dict[str, Any]


def _info(e: AuditEntry) -> AuditInfo:
    return AuditInfo(e.id, e.at, e.actor, e.action, e.subject, dict(e.detail))


def assessment_history(db: Database, actor: Actor, assessment_id: int) -> list[AuditInfo]:
    with db.read() as s:
        a, access = require_assessment(s, principal(s, actor), assessment_id, "read")
        stmt = select(AuditEntry).where(AuditEntry.assessment_id == a.id)
        if access == "reviewer":
            stmt = stmt.where(AuditEntry.action.in_(STATUS_ACTIONS))
        return [_info(e) for e in s.scalars(stmt.order_by(AuditEntry.id))]


def account_log(db: Database, actor: Actor, limit: int = 500) -> list[AuditInfo]:
    with db.read() as s:
        require_admin(principal(s, actor), "查看账户日志", "read the account log")
        cond = AuditEntry.action.startswith(ACCOUNT_PREFIXES[0])
        for prefix in ACCOUNT_PREFIXES[1:]:
            cond = cond | AuditEntry.action.startswith(prefix)
        stmt = select(AuditEntry).where(cond).order_by(AuditEntry.id.desc()).limit(limit)
        return [_info(e) for e in s.scalars(stmt)]
