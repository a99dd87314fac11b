"""Who is acting: the signed-in user (an :class:`Actor`), or the operator at the console.

Every service call takes the actor and re-reads the account from the database
(:func:`principal`), so a disabled account or a changed role takes effect at once, on every
app replica, even for sessions that signed in before the change.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Literal, cast

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ..storage.tables import User
from .errors import NotAuthenticated

Role = Literal["enterprise", "consultant", "bureau", "admin"]
ROLES: tuple[Role, ...] = ("enterprise", "consultant", "bureau", "admin")


@dataclass(frozen=True)
class Actor:
    """A user as the services see them. ``role == "system"`` is the console operator."""

    user_id: int | None
    username: str
    role: Role | Literal["system"]
    organisation_id: int | None = None
    jurisdiction: str | None = None
    session_version: int = 0
    """The account's session version when this actor signed in; once the account's version
    moves on (password reset or change, disabled, role changed) the actor is signed out."""

    @classmethod
    def system(cls, label: str | None = None) -> Actor:
        """The operator running ``sfa`` on the server (whoever holds the database itself)."""
        try:
            who = label or getpass.getuser()
        except (KeyError, OSError):  # no passwd entry, e.g. in some containers
            who = "unknown"
        return cls(None, f"cli:{who}", "system")

    @classmethod
    def of(cls, user: User) -> Actor:
        # the table's CHECK constraint keeps role one of ROLES
        return cls(user.id, user.username, cast(Role, user.role), user.organisation_id, user.jurisdiction, user.session_version)

    @property
    def is_admin(self) -> bool:
        return self.role in ("admin", "system")


_PRINCIPAL = select(User.id, User.username, User.role, User.organisation_id, User.jurisdiction).where(
    User.id == bindparam("uid"), User.active.is_(True), User.session_version == bindparam("sv")
)


def principal(s: Session | Connection, actor: Actor) -> Actor:
    """The actor as the database says now; :class:`NotAuthenticated` if gone, disabled or
    signed in before the account's session version moved on."""
    if actor.role == "system":
        return actor
    if actor.user_id is None:
        raise NotAuthenticated()
    row = s.execute(_PRINCIPAL, {"uid": actor.user_id, "sv": actor.session_version}).one_or_none()
    if row is None:
        raise NotAuthenticated()
    return Actor(row.id, row.username, cast(Role, row.role), row.organisation_id, row.jurisdiction, actor.session_version)
