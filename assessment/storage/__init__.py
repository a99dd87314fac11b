"""Persistence: SQLAlchemy 2 tables, repositories and Alembic migrations (SQLite or PostgreSQL).

>>> # db = open_database()            # SFA_DATABASE_URL, else ./data/sfa.sqlite3 (created on first start)
>>> # with db.read() as s: ...

Access control is not here: it lives in :mod:`assessment.services`, which every caller
(UI, CLI) goes through.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.engine import URL

from .config import data_dir, database_url, describe
from .database import Database, UnsupportedDatabase, make_engine
from .migrate import SchemaError, ensure_schema
from .types import utcnow


def open_database(
    url: str | URL | None = None, *, create: bool = True, clock: Callable[[], datetime] = utcnow, audit_key: bytes | None = None
) -> Database:
    """Connect; on an empty database create the schema (first start). An outdated schema
    raises :class:`SchemaError` asking for ``sfa db upgrade``. ``audit_key`` overrides
    ``SFA_AUDIT_KEY`` / the data directory's ``audit-key`` (tests)."""
    engine = make_engine(url)
    try:
        ensure_schema(engine, create=create)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, clock, audit_key)


__all__ = [
    "Database",
    "SchemaError",
    "UnsupportedDatabase",
    "data_dir",
    "database_url",
    "describe",
    "make_engine",
    "open_database",
]
