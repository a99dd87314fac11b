"""The admin's list of consultant↔client links (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from assessment import services as svc

from .world import World


def test_list_links__admin_sees_every_link_others_refused(world: World) -> None:
    admin = world.actor("admin")
    svc.link_consultant(world.db, admin, "cons_a", world.orgs["M"])
    links = svc.list_links(world.db, admin)
    assert [(x.consultant, x.organisation_id) for x in links] == sorted(
        [("cons_a", world.orgs["A"]), ("cons_a", world.orgs["M"])],
        key=lambda p: next(x.organisation_name for x in links if x.organisation_id == p[1]),
    )
    svc.unlink_consultant(world.db, admin, "cons_a", world.orgs["M"])
    assert [x.organisation_id for x in svc.list_links(world.db, admin)] == [world.orgs["A"]]
    for who in ("cons_a", "ent_a", "bur_sc"):
        with pytest.raises(svc.PermissionDenied):
            svc.list_links(world.db, world.actor(who))
