"""The engine factory and :class:`Database`, the one object CLI, UI and tests share.

SQLite: WAL mode (readers never block the writer), foreign keys on, a 30 s busy timeout,
and SQLAlchemy — not the ``sqlite3`` module — emits BEGIN, so that reads are repeatable and
every write transaction starts with ``BEGIN IMMEDIATE``: it takes the database's write lock
before reading what it will change. Without that, two concurrent read-modify-write
transactions could not both commit (one would fail with "database is locked").

PostgreSQL: psycopg 3, pre-ping, a pool of 20 connections per app process (no overflow;
``SFA_DB_POOL_SIZE`` / ``SFA_DB_MAX_OVERFLOW``): a burst of saves then reuses open connections
instead of paying a new login for each. Writers lock the row they change
(``SELECT … FOR UPDATE``), so saves to different assessments run in parallel.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.orm import Session

from .audit_chain import Sealer
from .config import database_url, describe
from .types import utcnow


class UnsupportedDatabase(ValueError):
    pass


class FifoLock:
    """A lock that hands itself to the longest waiter, so no writer starves under load
    (``threading.Lock`` lets the releasing thread barge back in)."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._busy = False
        self._waiters: deque[threading.Lock] = deque()

    def __enter__(self) -> None:
        with self._mutex:
            if not self._busy:
                self._busy = True
                return
            turn = threading.Lock()
            turn.acquire()
            self._waiters.append(turn)
        turn.acquire()  # released by the holder: the lock is now ours

    def __exit__(self, *_exc: object) -> None:
        with self._mutex:
            if self._waiters:
                self._waiters.popleft().release()
            else:
                self._busy = False


SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=30000",
)


def sqlite_synchronous() -> str:
    """``SFA_SQLITE_SYNCHRONOUS``: FULL (default) or NORMAL.

    In WAL mode both survive a crash of the app (a killed process) without losing a committed
    save; FULL also survives a power cut or OS crash, at the cost of an fsync per commit.
    """
    value = os.environ.get("SFA_SQLITE_SYNCHRONOUS", "FULL").upper()
    if value not in ("FULL", "NORMAL", "EXTRA"):
        raise UnsupportedDatabase(f"SFA_SQLITE_SYNCHRONOUS must be FULL or NORMAL, got {value!r}")
    return value


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        raise UnsupportedDatabase(f"{name} must be a whole number") from None


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _sqlite_begin)
    cur = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cur.execute(pragma)
    cur.execute(f"PRAGMA synchronous={sqlite_synchronous()}")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("sfa_write") else "BEGIN")


def make_engine(url: str | URL | None = None) -> Engine:
    """An engine for ``url`` (default: ``SFA_DATABASE_URL`` or the SQLite file in the data dir)."""
    u = database_url(url) if not isinstance(url, URL) else url
    backend = u.get_backend_name()
    if backend == "sqlite":
        if not u.database or u.database == ":memory:" or u.database.startswith("file::memory"):
            raise UnsupportedDatabase("an in-memory SQLite database is private to one connection; use a file")
        Path(u.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(u, connect_args={"timeout": 30, "check_same_thread": False}, pool_size=10, max_overflow=20)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend == "postgresql":
        if u.get_driver_name() != "psycopg":
            raise UnsupportedDatabase(f"use the psycopg 3 driver (postgresql+psycopg://), got {u.drivername}")
        return create_engine(
            u, pool_pre_ping=True, pool_size=_env_int("SFA_DB_POOL_SIZE", 20), max_overflow=_env_int("SFA_DB_MAX_OVERFLOW", 0)
        )
    raise UnsupportedDatabase(f"unsupported database {describe(u)}: use sqlite:/// or postgresql+psycopg://")


class Database:
    """Sessions for reading and writing, and the clock the services use.

    >>> # db = Database(make_engine("sqlite:///data/sfa.sqlite3"))
    >>> # with db.write() as s: s.add(...)        # commits at the end, rolls back on error
    """

    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utcnow, audit_key: bytes | None = None) -> None:
        self.engine = engine
        self._writer = engine.execution_options(sfa_write=True)
        self.clock = clock
        self.audit = Sealer(audit_key)
        """Seals audit rows; its key (default: SFA_AUDIT_KEY or the data directory's audit-key) is resolved once."""
        # SQLite has one writer at a time, and a writer that finds the lock taken polls with
        # growing sleeps (its busy handler): under 50 concurrent saves some waited a second.
        # Queueing the app's own writers on a lock hands the database over without polling;
        # other processes on the same file still meet the busy timeout.
        self._write_lock: FifoLock | None = FifoLock() if engine.dialect.name == "sqlite" else None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        return describe(self.engine.url)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (a consistent snapshot)."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work that commits when the block ends without an exception."""
        if self._write_lock is None:
            with Session(self._writer, expire_on_commit=False, info={"sfa_audit": self.audit}) as session, session.begin():
                yield session
            return
        with self._write_lock, Session(self._writer, expire_on_commit=False, info={"sfa_audit": self.audit}) as session, session.begin():
            yield session

    @contextmanager
    def write_conn(self) -> Iterator[Connection]:
        """Like :meth:`write`, with a plain Connection (less overhead for hot paths)."""
        if self._write_lock is None:
            with self._writer.begin() as conn:
                yield conn
            return
        with self._write_lock, self._writer.begin() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()
