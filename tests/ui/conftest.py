"""UI test fixtures: a fresh SQLite file per test (not :memory:), seeded through the services."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assessment import services
from assessment.storage import Database
from assessment.storage.database import make_engine
from assessment.storage.migrate import ensure_schema
from tests.conftest import shared_cache

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
PASSWORD = "correct horse battery staple 42"


@dataclass
class World:
    db: Database
    org_a: int
    org_b: int
    draft_a: int
    submitted_b: int

    def actor(self, username: str) -> services.Actor:
        return services.authenticate(self.db, username, PASSWORD)


@pytest.fixture
def empty_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("SFA_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("SFA_DATABASE_URL", raising=False)
    monkeypatch.setenv("SFA_CACHE_DIR", shared_cache())
    monkeypatch.setenv("SFA_NO_FONT_WARMUP", "1")  # the app's start-up font preparation (tested in tests/test_warmup.py)
    engine = make_engine()
    ensure_schema(engine)
    db = Database(engine)
    yield db
    engine.dispose()


@pytest.fixture
def world(empty_db: Database) -> World:
    db = empty_db
    system = services.Actor.system("tests")
    a = services.create_organisation(
        db,
        system,
        name="成都甲精密机械有限公司",
        credit_code="91510100MA61R8XK0W",
        region_code="510100",
        industry_code="34",
        size_class="large",
        production_type="discrete",
    )
    b = services.create_organisation(
        db,
        system,
        name="绵阳乙电子有限公司",
        credit_code="91510700MA62Q3L413",
        region_code="510700",
        industry_code="39",
        size_class="medium",
        production_type="discrete",
    )
    services.create_user(db, system, username="admin", password=PASSWORD, role="admin")
    services.create_user(db, system, username="ent-a", password=PASSWORD, role="enterprise", organisation_id=a.id)
    services.create_user(db, system, username="ent-b", password=PASSWORD, role="enterprise", organisation_id=b.id)
    services.create_user(db, system, username="consultant", password=PASSWORD, role="consultant")
    services.link_consultant(db, system, "consultant", a.id)
    services.create_user(db, system, username="bureau-my", password=PASSWORD, role="bureau", jurisdiction="510700")
    ent_a = services.authenticate(db, "ent-a", PASSWORD)
    ent_b = services.authenticate(db, "ent-b", PASSWORD)
    draft = services.start_assessment(db, ent_a, a.id, "sme_digital")
    sub = services.start_assessment(db, ent_b, b.id, "sme_digital")
    services.save_answers(db, ent_b, sub.summary.id, {"base.info_system_coverage": "full", "scenario.finance": "l2"})
    services.submit(db, ent_b, sub.summary.id)
    return World(db, a.id, b.id, draft.summary.id, sub.summary.id)
