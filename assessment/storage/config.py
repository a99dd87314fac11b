"""Where the database lives: ``SFA_DATABASE_URL``, else a SQLite file under the data directory.

* ``SFA_DATABASE_URL`` — any SQLAlchemy URL we support: ``sqlite:///path/to/file.sqlite3`` or
  ``postgresql+psycopg://user:password@host:5432/dbname`` (``postgresql://`` and
  ``postgres://`` are read as psycopg 3 too).
* ``SFA_DATA_DIR`` — the data directory, default ``./data`` relative to the working directory
  (the repository root when started with ``make run`` or ``streamlit run``; the path is
  printed by ``sfa db upgrade``). The default database is ``<data dir>/sfa.sqlite3``.

A deployment with several app replicas must use PostgreSQL: nothing but the database holds
state (evidence files are stored in the database for that reason).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url

DEFAULT_DB_FILE = "sfa.sqlite3"


def data_dir() -> Path:
    """The data directory (not created here)."""
    return Path(os.environ.get("SFA_DATA_DIR") or "data").expanduser().resolve()


def database_url(url: str | None = None) -> URL:
    """The database URL to use, normalised (psycopg 3 for PostgreSQL)."""
    raw = url or os.environ.get("SFA_DATABASE_URL") or ""
    if not raw:
        return make_url(f"sqlite:///{data_dir() / DEFAULT_DB_FILE}")
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw[len("postgres://") :]
    u = make_url(raw)
    if u.drivername == "postgresql":
        u = u.set(drivername="postgresql+psycopg")
    return u


def describe(url: URL) -> str:
    """The URL without its password, for messages."""
    return url.render_as_string(hide_password=True)
