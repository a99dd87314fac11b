"""``sfa excel-template`` and ``sfa import`` without a database (check and summarise)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from assessment.cli import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"


def test_cli__excel_template_from_answers__imports_to_the_same_tier(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    r = runner.invoke(app, ["excel-template", "smart_factory", "--from", str(EXAMPLES / "smart_factory_advanced.yaml"), "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    assert "smart_factory@" in r.stdout and out.stat().st_size > 10_000
    r = runner.invoke(app, ["import", str(out)])
    assert r.exit_code == 0, r.stderr
    assert "✓" in r.stdout and "先进级" in r.stdout and "已检查 / checked: 1 / 1" in r.stdout


def test_cli__excel_template__unknown_questionnaire__one_line_error(tmp_path: Path) -> None:
    r = runner.invoke(app, ["excel-template", "nosuch", "-o", str(tmp_path / "x.xlsx")])
    assert r.exit_code == 2 and r.stderr.startswith("错误 / error: nosuch: unknown questionnaire") and "Traceback" not in r.stderr


def test_cli__import__missing_file__named_without_traceback(tmp_path: Path) -> None:
    r = runner.invoke(app, ["import", str(tmp_path / "gone.xlsx")])
    assert r.exit_code == 2 and "gone.xlsx: 文件不存在" in r.stderr and "Traceback" not in r.stderr
