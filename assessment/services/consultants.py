"""The consultant's own account: the 诊断机构 (diagnosing organisation) it works for.

Its name goes on every report the consultant produces (cover, running footer, PDF author),
so reports made from the web app no longer say 「未填写」. A consultant sets it for its own
account; an admin may set it for any consultant account.
"""

from __future__ import annotations

from sqlalchemy import select

from ..storage import Database
from ..storage import repositories as repo
from ..storage.tables import User
from ..storage.tables_consult import ConsultantProfile
from .actors import Actor, principal
from .errors import InvalidInput, NotFound, PermissionDenied

MAX_NAME = 200


def consultant_organisation(db: Database, actor: Actor) -> str:
    """The 诊断机构 of the acting consultant ('' for other roles or when not set)."""
    with db.read() as s:
        p = principal(s, actor)
        if p.role != "consultant" or p.user_id is None:
            return ""
        name = s.scalar(select(ConsultantProfile.organisation_name).where(ConsultantProfile.user_id == p.user_id))
        return name or ""


def set_consultant_organisation(db: Database, actor: Actor, username: str, name: str) -> str:
    """Set the 诊断机构 of consultant ``username`` (the consultant itself, or an admin); the name saved."""
    name = " ".join((name or "").split())
    if len(name) > MAX_NAME or any(not ch.isprintable() for ch in name):
        raise InvalidInput("organisation_name", f"诊断机构名称最多 {MAX_NAME} 个可见字符", f"at most {MAX_NAME} printable characters")
    with db.write() as s:
        p = principal(s, actor)
        user = s.scalars(select(User).where(User.username == username)).one_or_none()
        if user is None or (not p.is_admin and user.id != p.user_id):
            raise NotFound("user", username)
        if user.role != "consultant":
            raise PermissionDenied("为非诊断服务商账户设置诊断机构", "set a diagnosing organisation on a non-consultant account")
        now = db.clock()
        row = s.get(ConsultantProfile, user.id)
        if row is None:
            s.add(ConsultantProfile(user_id=user.id, organisation_name=name, updated_at=now))
        else:
            row.organisation_name, row.updated_at = name, now
        repo.add_audit(
            s,
            at=now,
            actor_id=p.user_id,
            actor=p.username,
            action="user.consultant_org",
            subject=username,
            detail={"organisation_name": name},
        )
        return name
