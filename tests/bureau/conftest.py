"""The bureau tests reuse the storage suite's databases (SQLite, and PostgreSQL when
``SFA_TEST_POSTGRES_URL`` is set). The hand-countable population of :mod:`.population` is
built once per backend through the services and copied for each test."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from assessment.services import bureau
from assessment.storage import open_database
from tests.storage.conftest import (  # noqa: F401, F811, RUF100
    PG_URL,
    Postgres,
    _cheap_password_hashing,
    _templates,
    _world_templates,
    backend,
    clone,
    db,
    db_url,
    fresh_url,
    postgres,
)

from .population import Population, build


@pytest.fixture(scope="session")
def _pop_templates() -> Iterator[dict[str, tuple[str, Population]]]:
    made: dict[str, tuple[str, Population]] = {}
    yield made
    if "postgresql" in made and PG_URL:
        Postgres(PG_URL).drop(made["postgresql"][0])


def _template_of(
    backend: str,  # noqa: F811
    request: pytest.FixtureRequest,
    templates: dict[str, str],
    made: dict[str, tuple[str, Population]],
) -> tuple[str, Population]:
    if backend not in made:
        base = request.getfixturevalue("tmp_path_factory").mktemp("pop-template")
        url, dbname = fresh_url(backend, base, request, templates)
        built = build(open_database(url))
        built.db.dispose()
        made[backend] = (dbname or make_url(url).database or "", built)
    return made[backend]


@pytest.fixture
def pop_ro(
    backend: str,  # noqa: F811
    request: pytest.FixtureRequest,
    _templates: dict[str, str],  # noqa: F811
    _pop_templates: dict[str, tuple[str, Population]],
) -> Iterator[Population]:
    """The population itself, for tests that only read (no copy made)."""
    bureau.clear_cache()
    source, template = _template_of(backend, request, _templates, _pop_templates)
    url = f"sqlite:///{source}" if backend == "sqlite" else request.getfixturevalue("postgres").url_for(source)
    database = open_database(url)
    yield dataclasses.replace(template, db=database)
    database.dispose()
    bureau.clear_cache()


@pytest.fixture
def pop(
    backend: str,  # noqa: F811
    tmp_path: Path,
    request: pytest.FixtureRequest,
    _templates: dict[str, str],  # noqa: F811
    _pop_templates: dict[str, tuple[str, Population]],
) -> Iterator[Population]:
    bureau.clear_cache()
    source, template = _template_of(backend, request, _templates, _pop_templates)
    url, dbname = clone(backend, source, tmp_path, request)
    database = open_database(url)
    yield dataclasses.replace(template, db=database)
    database.dispose()
    bureau.clear_cache()
    if dbname:
        request.getfixturevalue("postgres").drop(dbname)
