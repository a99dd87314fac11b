"""The bureau tests reuse the storage suite's databases (SQLite, and PostgreSQL when
``SFA_TEST_POSTGRES_URL`` is set) and build a small, hand-countable population."""

from __future__ import annotations

from tests.storage.conftest import (  # noqa: F401  (fixtures)
    _cheap_password_hashing,
    _templates,
    _world_templates,
    backend,
    db,
    db_url,
    postgres,
)
