"""Schema migrations (Alembic), run from code: ``sfa db upgrade`` and on first start.

The migration scripts ship inside the package (``assessment/storage/migrations``), so an
installed wheel can create and upgrade its database without an ``alembic.ini``. On
PostgreSQL the upgrade holds an advisory lock, so app replicas starting together do not
race; on SQLite ``BEGIN IMMEDIATE`` serialises them.

For developers — a new migration after changing ``tables.py``::

    python -m assessment.storage.migrate revision "add a column"   # autogenerates, review it!
"""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK_KEY = 0x5FA0_0001  # pg_advisory_xact_lock key for schema changes


class SchemaError(RuntimeError):
    """The database schema is not the one this code expects."""


def _config(connection: Connection | None = None, url: str | None = None, audit_key: bytes | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    if audit_key is not None:
        cfg.attributes["audit_key"] = audit_key  # seals existing audit rows (0008); default: SFA_AUDIT_KEY / audit-key
    return cfg


def head() -> str:
    """The newest revision id shipped with this code."""
    rev = ScriptDirectory.from_config(_config()).get_current_head()
    assert rev is not None
    return rev


def current(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _locked(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})


def upgrade(engine: Engine, revision: str = "head", *, audit_key: bytes | None = None) -> None:
    """Bring the schema up to ``revision`` in one transaction."""
    with engine.execution_options(sfa_write=True).begin() as conn:
        _locked(conn)
        command.upgrade(_config(conn, audit_key=audit_key), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with engine.execution_options(sfa_write=True).begin() as conn:
        _locked(conn)
        command.downgrade(_config(conn), revision)


def ensure_schema(engine: Engine, create: bool = True) -> None:
    """Create the schema in an empty database; refuse to run on an outdated or newer one."""
    have, want = current(engine), head()
    if have == want:
        return
    if have is None and create:
        upgrade(engine)
        return
    if have is None:
        raise SchemaError("the database is empty; run `sfa db upgrade` / 数据库为空，请运行 sfa db upgrade")
    known = {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}
    if have not in known:
        raise SchemaError(f"the database is at revision {have}, newer than this program (head {want}); upgrade the program")
    raise SchemaError(f"the database is at revision {have}, this program needs {want}; run `sfa db upgrade`")


def _main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "revision":
        from .database import make_engine

        engine = make_engine()
        upgrade(engine)
        with engine.begin() as conn:
            command.revision(_config(conn), message=argv[1], autogenerate=True)
        return 0
    print("usage: python -m assessment.storage.migrate revision MESSAGE", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
