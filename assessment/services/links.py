"""Consultant↔client links as the administrator sees them (creating and removing them is in
:mod:`.accounts`: ``link_consultant`` / ``unlink_consultant``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..storage import Database
from ..storage.tables import ConsultantClient, Organisation, User
from .access import require_admin
from .actors import Actor, principal


@dataclass(frozen=True)
class LinkInfo:
    consultant: str
    organisation_id: int
    organisation_name: str


def list_links(db: Database, actor: Actor) -> list[LinkInfo]:
    """Every consultant↔client link, by consultant then organisation name (admins only)."""
    with db.read() as s:
        require_admin(principal(s, actor), "查看服务商与企业的签约关系", "list consultant links")
        rows = s.execute(
            select(User.username, Organisation.id, Organisation.name)
            .join(ConsultantClient, ConsultantClient.consultant_id == User.id)
            .join(Organisation, Organisation.id == ConsultantClient.organisation_id)
            .order_by(User.username, Organisation.name)
        )
        return [LinkInfo(u, oid, name) for u, oid, name in rows]
