"""``sfa demo``: demo data in a directory of its own, whatever state ./data is in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from typer.testing import CliRunner

from assessment import services
from assessment.cli import app
from assessment.services import security
from assessment.storage import Database
from assessment.storage.database import make_engine


def _password(output: str) -> str:
    found = re.search(r"password \(shown once\): (\S+)", output)
    assert found, output
    return found.group(1)


def test_demo__own_directory__fresh_every_run__refuses_foreign_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SFA_DATABASE_URL", raising=False)
    security.set_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))  # test-strength hashing
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sfa.sqlite3").write_bytes(b"not a database")  # ./data in any state
    runner = CliRunner()
    first = runner.invoke(app, ["demo", "--no-start"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["demo", "--no-start"])  # again: starts afresh instead of refusing
    assert second.exit_code == 0, second.output
    assert (tmp_path / "data" / "sfa.sqlite3").read_bytes() == b"not a database"
    engine = make_engine(f"sqlite:///{tmp_path / 'demo-data' / 'sfa.sqlite3'}")
    try:
        db = Database(engine)
        ent = services.authenticate(db, "demo-enterprise", _password(second.output))
        assert services.list_assessments(db, ent).total > 0
        with pytest.raises(services.LoginFailed):
            services.authenticate(db, "demo-enterprise", _password(first.output))
    finally:
        engine.dispose()
        security.set_hasher(PasswordHasher())
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "keep.txt").write_text("x", encoding="utf-8")
    refused = runner.invoke(app, ["demo", "--no-start", "--dir", str(tmp_path / "mine")])
    assert refused.exit_code != 0 and "不是演示数据目录" in refused.output
    assert (tmp_path / "mine" / "keep.txt").exists()
