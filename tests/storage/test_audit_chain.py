"""The tamper-evident audit log on SQLite and PostgreSQL: an intact log verifies; an attacker
holding the database (triggers dropped) is caught at the row they touched."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from assessment.storage import Database, make_engine, migrate
from assessment.storage import repositories as repo
from assessment.storage.audit_chain import KEY_ENV, AuditKeyError, canonical, chain_for, resolve_key
from assessment.storage.audit_verify import Break, verify
from assessment.storage.tables import AuditEntry, AuditHead

from .world import World

LOG = AuditEntry.__table__
HEADS = AuditHead.__table__


def breaks(db: Database, key: bytes | None = None) -> list[Break]:
    return verify(db.engine, key or db.audit.key).breaks


def attacker(db: Database, *statements: Any) -> None:
    """Drop the append-only triggers, as someone with the database file would, then write."""
    with db.engine.begin() as c:
        if db.dialect == "sqlite":
            c.execute(text("DROP TRIGGER audit_log_no_update"))
            c.execute(text("DROP TRIGGER audit_log_no_delete"))
        else:
            c.execute(text("DROP TRIGGER audit_log_append_only ON audit_log"))
        for st in statements:
            c.execute(st)


def chain_rows(db: Database, aid: int) -> list[Any]:
    with db.engine.connect() as c:
        return list(c.execute(select(LOG).where(LOG.c.chain == chain_for(aid)).order_by(LOG.c.seq)).mappings())


def only(found: list[Break], kind: str, chain: str, row_id: int | None) -> Break:
    assert len(found) == 1, found
    b = found[0]
    assert (b.kind, b.chain, b.row_id) == (kind, chain, row_id), b
    return b


def test_audit__intact_log__verifies_every_row_on_its_chain(world: World) -> None:
    report = verify(world.db.engine, world.db.audit.key)
    with world.db.read() as s:
        total = s.scalar(select(func.count()).select_from(AuditEntry))
        chains = s.scalar(select(func.count(func.distinct(AuditEntry.chain))))
    assert report.breaks == [] and report.rows == total and report.chains == chains >= 7  # 6 assessments + g


def test_audit__odd_json_and_timestamps__round_trip_to_the_same_mac(db: Database) -> None:
    detail = {"z": 1e20, "a": [2.0, 1.5e-7, -0.0, 10**30], "中文": {"b": None, "a": True}, "s": "\u202e<x>"}
    with db.write() as s:
        repo.add_audit(s, at=datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC), actor_id=None, actor="t", action="x", detail=detail)
        repo.add_audit(s, at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), actor_id=None, actor="t", action="y", assessment_id=7)
    assert breaks(db) == []
    assert canonical(detail) == canonical({"s": "\u202e<x>", "中文": {"a": True, "b": None}, "a": [2, 1.5e-07, 0, 10**30], "z": 1e20})


def test_audit__edited_detail__reported_at_that_row(world: World) -> None:
    rows = chain_rows(world.db, world.assessments["a_sub"])
    target = rows[1]
    attacker(world.db, update(LOG).where(LOG.c.id == target["id"]).values(detail={"forged": True}))
    b = only(breaks(world.db), "edited", target["chain"], target["id"])
    assert "next row still chains" in b.detail


def test_audit__inserted_rows__reported(world: World) -> None:
    db = world.db
    rows = chain_rows(db, world.assessments["b_sub"])
    last = rows[-1]
    forged = {k: last[k] for k in ("at", "actor_id", "actor", "action", "organisation_id", "assessment_id", "subject", "detail")}
    attacker(
        db,
        insert(LOG).values(**forged, chain=last["chain"], seq=last["seq"] + 1, mac=last["mac"]),  # past the head
        insert(LOG).values(**{**forged, "assessment_id": None}),  # no chain at all (an old-style INSERT)
    )
    with db.engine.connect() as c:
        ids = sorted(c.execute(select(LOG.c.id).where(LOG.c.id > max(r["id"] for r in rows))).scalars())[-2:]
    found = {b.chain: b for b in breaks(db)}
    assert set(found) == {last["chain"], "''"}, found
    assert (found[last["chain"]].kind, found[last["chain"]].row_id) == ("inserted", ids[0])
    assert (found["''"].kind, found["''"].row_id) == ("inserted", ids[1])


def test_audit__deleted_middle_row__reported_at_the_next_row(world: World) -> None:
    rows = chain_rows(world.db, world.assessments["m_sub"])
    attacker(world.db, delete(LOG).where(LOG.c.id == rows[1]["id"]))
    b = only(breaks(world.db), "deleted", rows[0]["chain"], rows[2]["id"])
    assert f"seq {rows[1]['seq']}" in b.detail


def test_audit__truncated_tail__reported_even_with_the_head_rewound(world: World) -> None:
    db = world.db
    rows = chain_rows(db, world.assessments["q_sub"])
    chain = rows[0]["chain"]
    attacker(db, delete(LOG).where(LOG.c.id == rows[-1]["id"]))
    only(breaks(db), "truncated", chain, None)
    # the head pointed back at the new last row (all of whose values are in the table)
    with db.engine.begin() as c:
        c.execute(update(HEADS).where(HEADS.c.chain == chain).values(seq=rows[-2]["seq"], mac=rows[-2]["mac"]))
    only(breaks(db), "head", chain, None)


def test_audit__changed_head__reported(world: World) -> None:
    with world.db.engine.begin() as c:
        c.execute(update(HEADS).where(HEADS.c.chain == "g").values(mac="00" * 32))
    only(breaks(world.db), "head", "g", None)


def test_audit__wrong_key__reported_once_and_refused_for_writing(world: World) -> None:
    only(breaks(world.db, b"another key of sufficient length"), "wrong_key", "key", None)
    other = Database(world.db.engine, audit_key=b"another key of sufficient length")  # a misconfigured second process
    with pytest.raises(AuditKeyError, match="share SFA_AUDIT_KEY"), other.write() as s:
        repo.add_audit(s, at=other.clock(), actor_id=None, actor="t", action="x")
    assert breaks(world.db) == []


def test_audit__migration__seals_existing_rows_and_keeps_the_triggers(empty_url: str) -> None:
    key = b"migration test key 0123456789"
    engine = make_engine(empty_url)
    try:
        migrate.upgrade(engine, "0001")
        at = datetime(2025, 6, 1, 8, 0, 0, 123456, tzinfo=UTC)
        with engine.begin() as c:
            for i, aid in enumerate((None, 1, None, 1, 2)):
                c.execute(
                    text(
                        "INSERT INTO audit_log (at, actor, action, assessment_id, subject, detail) VALUES (:at, 't', 'x', :aid, :s, :d)"
                    ).bindparams(at=at if engine.dialect.name == "postgresql" else at.replace(tzinfo=None).isoformat(" ")),
                    {"aid": aid, "s": f"row {i}", "d": '{"b": 1, "a": [1.5]}'},
                )
        migrate.upgrade(engine, audit_key=key)
        report = verify(engine, key)
        assert report.breaks == [] and (report.rows, report.chains) == (5, 3)
        with pytest.raises(DBAPIError), engine.begin() as c:
            c.execute(text("UPDATE audit_log SET actor = 'forged'"))
    finally:
        engine.dispose()


def test_audit_key__file__created_once_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(AuditKeyError, match="no audit key"):
        resolve_key(tmp_path / "data", create=False)  # sfa audit verify never makes a key
    key = resolve_key(tmp_path / "data")
    path = tmp_path / "data" / "audit-key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(key) == 64
    assert resolve_key(tmp_path / "data") == key == resolve_key(tmp_path / "data", create=False)
    assert os.listdir(tmp_path / "data") == ["audit-key"]
    monkeypatch.setenv(KEY_ENV, "short")
    with pytest.raises(AuditKeyError, match="too short"):
        resolve_key(tmp_path / "data")
