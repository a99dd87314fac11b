"""``sfa audit verify [--results]`` through Typer's runner, and the re-derivation of results."""

from __future__ import annotations

import pytest
import typer
from sqlalchemy import text, update
from typer.testing import CliRunner

from assessment import services as svc
from assessment.cli_audit import register
from assessment.services.audit import verify_results
from assessment.storage.tables import Assessment, AuditEntry, Revision

from .test_audit_chain import attacker, chain_rows
from .world import World

app = typer.Typer(pretty_exceptions_enable=False)
register(app)
runner = CliRunner()


def run(world: World, *args: str) -> tuple[int, str]:
    url = world.db.engine.url.render_as_string(hide_password=False)
    r = runner.invoke(app, ["audit", "verify", *args, "--database-url", url])
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout


def test_cli_audit__intact__exit_0_with_counts(world: World) -> None:
    code, out = run(world, "--results")
    assert code == 0, out
    assert "审计日志完整 / audit log intact" in out and "chains" in out
    assert "结果一致 / results match: 4 份" in out  # a_sub b_sub m_sub q_sub


def test_cli_audit__edited_row__exit_1_naming_the_row(world: World) -> None:
    row = chain_rows(world.db, world.assessments["a_sub"])[0]
    attacker(world.db, update(AuditEntry.__table__).where(AuditEntry.id == row["id"]).values(actor="forged"))
    code, out = run(world)
    assert code == 1
    assert f"chain {row['chain']} · 行 / row id {row['id']} (seq 1): " in out and "(edited)" in out
    assert "audit log broken: 1 条链" in out


def test_cli_audit__results__changed_listing_columns_reported(world: World) -> None:
    aid, other = world.assessments["b_sub"], world.assessments["m_sub"]
    with world.db.engine.begin() as c:
        c.execute(update(Assessment).where(Assessment.id == aid).values(rung="leading", rung_rank=4, score=99.5))
        if world.db.dialect == "sqlite":  # the revision's summary too (submitted revisions are frozen: past the trigger)
            c.execute(text("DROP TRIGGER revisions_frozen_update"))
        else:
            c.execute(text("ALTER TABLE assessment_revisions DISABLE TRIGGER revisions_frozen"))
        c.execute(update(Revision).where(Revision.assessment_id == other).values(summary={"rung": "leading"}))
    report = verify_results(world.db, svc.Actor.system("t"))
    found = {(m.assessment_id, m.column): m for m in report.mismatches}
    assert report.checked == 4
    assert {col for a, col in found if a == aid} == {"rung", "rung_rank", "score"}
    assert found[(aid, "rung")].stored == "leading" and found[(aid, "score")].stored == 99.5
    assert found[(other, "revision.summary.rung")].stored == "leading"
    assert {a for a, _ in found} == {aid, other}
    code, out = run(world, "--results")
    assert code == 1
    assert f"评估 / assessment {aid} · rung: 存储 / stored \"leading\" ≠ 重算 / re-derived" in out
    assert "审计日志完整" in out  # the listing columns are not in the audit log: only --results sees this


def test_audit_services__only_the_operator_on_the_server(world: World) -> None:
    with pytest.raises(svc.PermissionDenied):
        verify_results(world.db, world.actor("admin"))
    with pytest.raises(svc.PermissionDenied):
        svc.audit.verify_audit_log(world.db, world.actor("bur_sc"))


def test_cli_audit__registered_on_sfa() -> None:
    from assessment.cli import app as sfa

    r = runner.invoke(sfa, ["audit", "verify", "--help"])
    assert r.exit_code == 0 and "--results" in r.stdout


def test_cli_audit__no_key__one_line_error_and_no_key_made(world: World, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("SFA_AUDIT_KEY")
    monkeypatch.setenv("SFA_DATA_DIR", str(tmp_path / "data"))
    url = world.db.engine.url.render_as_string(hide_password=False)
    r = runner.invoke(app, ["audit", "verify", "--database-url", url])
    assert r.exit_code == 2 and r.stderr.strip().startswith("错误 / error: ") and "no audit key" in r.stderr
    assert not (tmp_path / "data" / "audit-key").exists()
