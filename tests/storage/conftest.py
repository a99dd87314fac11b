"""Storage and service tests run on SQLite (a file under tmp_path) and, when
``SFA_TEST_POSTGRES_URL`` is set (``source .ci/postgres.sh``), again on PostgreSQL.

Every test gets a clean, migrated database: on SQLite a copy of a template file migrated
once per session; on PostgreSQL ``CREATE DATABASE … TEMPLATE`` of a template database
migrated once per session (both far faster than running the migrations per test).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from assessment.services import security
from assessment.storage import Database, make_engine, migrate, open_database

from .world import World, build_world

os.environ.setdefault("SFA_SQLITE_SYNCHRONOUS", "NORMAL")  # crash-safe; tests need no power-cut safety

PG_URL = os.environ.get("SFA_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]
"""PostgreSQL joins only when SFA_TEST_POSTGRES_URL is set (test_storage_backends says so once)."""


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """argon2 with test parameters (the production default takes ~50 ms a hash)."""
    security.set_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    security.set_hasher(PasswordHasher())


class Postgres:
    """Creates and drops databases on the test cluster."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT")

    def url_for(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, name: str, template: str | None = None) -> str:
        with self.admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        return self.url_for(name)

    def drop(self, name: str) -> None:
        with self.admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    if not PG_URL:
        pytest.skip("SFA_TEST_POSTGRES_URL not set")
    pg = Postgres(PG_URL)
    yield pg
    pg.admin.dispose()


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Migrated template databases, made lazily per backend."""
    made: dict[str, str] = {}
    yield made
    if "postgresql" in made and PG_URL:
        Postgres(PG_URL).drop(made["postgresql"])


def _template(backend: str, templates: dict[str, str], request: pytest.FixtureRequest) -> str:
    if backend not in templates:
        if backend == "sqlite":
            path = request.getfixturevalue("tmp_path_factory").mktemp("template") / "template.sqlite3"
            engine = make_engine(f"sqlite:///{path}")
            migrate.upgrade(engine)
            engine.dispose()
            templates[backend] = str(path)
        else:
            pg: Postgres = request.getfixturevalue("postgres")
            name = f"sfa_tmpl_{os.getpid()}"
            pg.drop(name)
            engine = make_engine(pg.create(name))
            migrate.upgrade(engine)
            engine.dispose()
            templates[backend] = name
    return templates[backend]


def clone(backend: str, source: str, tmp: Path, request: pytest.FixtureRequest) -> tuple[str, str | None]:
    """(url, postgres database name to drop) of a copy of ``source`` (a file or a database name)."""
    if backend == "sqlite":
        path = tmp / f"db-{uuid.uuid4().hex[:8]}.sqlite3"
        shutil.copyfile(source, path)
        return f"sqlite:///{path}", None
    pg: Postgres = request.getfixturevalue("postgres")
    name = f"sfa_t_{uuid.uuid4().hex[:12]}"
    return pg.create(name, template=source), name


def fresh_url(backend: str, tmp: Path, request: pytest.FixtureRequest, templates: dict[str, str]) -> tuple[str, str | None]:
    """(url, postgres database name to drop) of a clean migrated database."""
    return clone(backend, _template(backend, templates, request), tmp, request)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest, _templates: dict[str, str]) -> Iterator[str]:
    url, dbname = fresh_url(backend, tmp_path, request, _templates)
    yield url
    if dbname:
        request.getfixturevalue("postgres").drop(dbname)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def empty_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A database with no schema at all (for the migration tests)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    pg: Postgres = request.getfixturevalue("postgres")
    name = f"sfa_e_{uuid.uuid4().hex[:12]}"
    url = pg.create(name)
    yield url
    pg.drop(name)


@pytest.fixture(scope="session")
def _world_templates() -> Iterator[dict[str, tuple[str, World]]]:
    made: dict[str, tuple[str, World]] = {}
    yield made
    if "postgresql" in made and PG_URL:
        Postgres(PG_URL).drop(made["postgresql"][0])


@pytest.fixture
def world(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, _templates: dict[str, str], _world_templates: dict[str, tuple[str, World]]
) -> Iterator[World]:
    """A fresh copy of the populated system of :mod:`.world` (built once per backend)."""
    if backend not in _world_templates:
        base = request.getfixturevalue("tmp_path_factory").mktemp("world-template")
        url, dbname = fresh_url(backend, base, request, _templates)
        built = build_world(open_database(url))
        built.db.dispose()  # closing the last connection checkpoints SQLite's WAL into the file
        if backend == "sqlite":
            assert not Path(str(make_url(url).database) + "-wal").exists()
        _world_templates[backend] = (dbname or make_url(url).database or "", built)
    source, template = _world_templates[backend]
    url, dbname = clone(backend, source, tmp_path, request)
    db = open_database(url)
    yield dataclasses.replace(template, db=db)
    db.dispose()
    if dbname:
        request.getfixturevalue("postgres").drop(dbname)
