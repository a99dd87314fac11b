"""``sfa report`` through Typer's runner: one file, two files combined, a folder with bad files,
and one-line bilingual errors (never a traceback)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner

from assessment.cli_report import register
from tests.report_samples import built, font_cache, pdf_text

__all__ = ["font_cache"]


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    a = typer.Typer(pretty_exceptions_enable=False)

    @a.callback()
    def main() -> None:
        """test app"""

    register(a)
    return a


def run(app: typer.Typer, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, ["report", *args])
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


def answers_file(path: Path, name: str, enterprise: dict[str, Any] | None = None) -> Path:
    q, answers, _ = built(name)
    ent = enterprise or {"name": "成都锦程精密机械有限公司", "credit_code": "91510100MA61R8XK0W", "region": "510100"}
    path.write_text(yaml.safe_dump({"questionnaire": q.ref, "enterprise": ent, "answers": answers}, allow_unicode=True), encoding="utf-8")
    return path


def test_cli_report__one_file__writes_the_pdf(app: typer.Typer, tmp_path: Path, font_cache: Path) -> None:
    f = answers_file(tmp_path / "a.yaml", "sme_digital")
    out = tmp_path / "a.pdf"
    code, stdout, _ = run(
        app, str(f), "-o", str(out), "--consultant", "<b>咨询</b>", "--assessor", "王堃", "--date", "2025-03-01", "--lang", "en"
    )
    assert code == 0, stdout
    assert out.read_bytes().startswith(b"%PDF") and str(out) in stdout


def test_cli_report__output_folder__names_the_pdf_after_the_file(app: typer.Typer, tmp_path: Path, font_cache: Path) -> None:
    f = answers_file(tmp_path / "client.yaml", "sme_digital")
    code, _, _ = run(app, str(f), "-o", str(tmp_path))
    assert code == 0 and (tmp_path / "client.pdf").is_file()


def test_cli_report__two_questionnaires__one_combined_report(app: typer.Typer, tmp_path: Path, font_cache: Path) -> None:
    a = answers_file(tmp_path / "sf.yaml", "smart_factory")
    b = answers_file(tmp_path / "sme.yaml", "sme_digital")
    code, _, stderr = run(app, str(a), str(b), "-o", str(tmp_path / "c.pdf"))
    assert code == 0, stderr

    text = pdf_text((tmp_path / "c.pdf").read_bytes())
    assert "综合诊断报告" in text and "第1部分" in text and "第2部分" in text


def test_cli_report__two_enterprises__refused(app: typer.Typer, tmp_path: Path) -> None:
    a = answers_file(tmp_path / "sf.yaml", "smart_factory")
    b = answers_file(tmp_path / "sme.yaml", "sme_digital", {"name": "另一家公司"})
    code, _, stderr = run(app, str(a), str(b), "-o", str(tmp_path / "c.pdf"))
    assert code == 2
    assert stderr.startswith("错误 / error: ") and "sme.yaml › enterprise" in stderr and len(stderr.strip().splitlines()) == 1


def test_cli_report__folder__continues_past_bad_files_and_lists_them(app: typer.Typer, tmp_path: Path, font_cache: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    answers_file(src / "good.yaml", "sme_digital")
    (src / "bad_value.yaml").write_text("questionnaire: sme_digital\nanswers: {base.network: 3}\n", encoding="utf-8")
    (src / "bad_ref.yaml").write_text("questionnaire: nope\n", encoding="utf-8")
    (src / "broken.json").write_text("{", encoding="utf-8")
    (src / "notes.txt").write_text("ignored", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run(app, str(src), "-o", str(out))
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["good.pdf"]
    assert "1 / 4" in stdout
    errors = [line for line in stderr.splitlines() if line.startswith("错误 / error: ")]
    assert len(errors) == 3
    assert any("bad_value.yaml › answers › base.network" in e for e in errors)
    assert any("bad_ref.yaml › questionnaire" in e for e in errors)
    assert any("broken.json" in e for e in errors)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--lang", "fr"], "--lang"),
        (["--date", "2025-13-01"], "--date"),
        (["--logo", "{readme}"], "PNG or JPEG"),
        (["--logo", "{missing}"], "cannot read"),
    ],
)
def test_cli_report__bad_option__one_line_error(app: typer.Typer, tmp_path: Path, args: list[str], words: str) -> None:
    f = answers_file(tmp_path / "a.yaml", "sme_digital")
    (tmp_path / "readme.txt").write_text("not an image", encoding="utf-8")
    args = [a.format(readme=tmp_path / "readme.txt", missing=tmp_path / "missing.png") for a in args]
    code, _, stderr = run(app, str(f), "-o", str(tmp_path / "a.pdf"), *args)
    assert code == 2
    assert stderr.startswith("错误 / error: ") and words in stderr and len(stderr.strip().splitlines()) == 1


def test_cli_report__missing_file_and_unwritable_output(app: typer.Typer, tmp_path: Path, font_cache: Path) -> None:
    code, _, stderr = run(app, str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "nope.yaml: file not found" in stderr
    f = answers_file(tmp_path / "a.yaml", "sme_digital")
    code, _, stderr = run(app, str(f), "-o", str(tmp_path / "no" / "such" / "dir.pdf"))
    assert code == 2 and "cannot write" in stderr
