"""Migrations from an empty database on SQLite and PostgreSQL; schema safety rules."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from assessment.storage import SchemaError, UnsupportedDatabase, make_engine, migrate, open_database
from assessment.storage.config import database_url
from assessment.storage.tables import Base

TABLES = {
    "organisations",
    "users",
    "consultant_clients",
    "assessments",
    "assessment_revisions",
    "install_claims",
    "answer_notes",
    "evidence_files",
    "evidence_blobs",
    "audit_log",
    "audit_heads",
    "login_throttle",
    "alembic_version",
}


@pytest.mark.skipif(not os.environ.get("SFA_TEST_POSTGRES_URL"), reason="PostgreSQL not configured: source .ci/postgres.sh")
def test_storage_backends__postgresql__is_configured() -> None:
    """A single visible skip when the PostgreSQL half of the storage suite does not run."""
    assert os.environ["SFA_TEST_POSTGRES_URL"].startswith("postgresql")


def test_migrations__from_empty__match_the_models_and_go_down_and_up(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        assert migrate.current(engine) is None
        migrate.upgrade(engine)
        assert migrate.current(engine) == migrate.head()
        assert set(inspect(engine).get_table_names()) == TABLES
        with engine.connect() as c:
            diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata)
        assert diff == [], diff
        migrate.downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        migrate.upgrade(engine)
        assert migrate.current(engine) == migrate.head()
    finally:
        engine.dispose()


def test_migrations__first_start__creates_the_schema(empty_url: str) -> None:
    with pytest.raises(SchemaError, match="empty"):
        open_database(empty_url, create=False)
    db = open_database(empty_url)
    try:
        assert migrate.current(db.engine) == migrate.head()
    finally:
        db.dispose()
    open_database(empty_url, create=False).dispose()  # now it is there


def test_migrations__database_newer_than_the_program__refused(empty_url: str) -> None:
    engine = make_engine(empty_url)
    migrate.upgrade(engine)
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    engine.dispose()
    with pytest.raises(SchemaError, match="newer than this program"):
        open_database(empty_url)


def test_storage__sqlite__runs_in_wal_mode_with_foreign_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(f"sqlite:///{tmp_path / 'x' / 'new.sqlite3'}")  # the directory is created too
    try:
        with db.read() as s:
            assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        db.dispose()


def test_storage__in_memory_sqlite__refused() -> None:
    with pytest.raises(UnsupportedDatabase, match="in-memory"):
        make_engine("sqlite://")


def test_storage__urls__default_file_and_psycopg(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("SFA_DATABASE_URL", raising=False)
    monkeypatch.setenv("SFA_DATA_DIR", str(tmp_path))
    assert database_url().database == str(tmp_path / "sfa.sqlite3")
    assert database_url("postgres://u:p@h/db").drivername == "postgresql+psycopg"
    assert database_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    with pytest.raises(UnsupportedDatabase):
        make_engine("mysql://u:p@h/db")


def test_storage__audit_log__is_append_only(db) -> None:  # type: ignore[no-untyped-def]
    from assessment import services as svc

    svc.create_user(db, svc.Actor.system("t"), username="someone", password="a sound passphrase", role="consultant")
    for statement in ("UPDATE audit_log SET actor = 'forged'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError), db.write() as s:
            s.execute(text(statement))
    with db.read() as s:
        assert s.execute(text("SELECT actor FROM audit_log")).scalars().all() == ["cli:t"]
