"""The ``sfa`` CLI through Typer's runner: happy paths and one-line errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from assessment.cli import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_cli__questionnaires__lists_both() -> None:
    code, out, _ = run("questionnaires")
    assert code == 0
    assert "smart_factory" in out and "sme_digital" in out and "智能工厂" in out


@pytest.mark.parametrize("name", ["smart_factory", "sme_digital"])
def test_cli__template__round_trips_through_assess(tmp_path: Path, name: str) -> None:
    out = tmp_path / "a.yaml"
    code, _, _ = run("template", name, "-o", str(out))
    assert code == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["questionnaire"].startswith(name + "@")
    assert all(v in (None, []) for v in data["answers"].values())
    code, stdout, _ = run("assess", str(out))
    assert code == 0, stdout
    assert ("未达基础级" if name == "smart_factory" else "未达一级") in stdout


def test_cli__template__lists_allowed_values_as_comments() -> None:
    code, out, _ = run("template", "sme_digital")
    assert code == 0
    assert "# r0_10 = [0-10%]" in out and "base.device_digitization: null" in out


def test_cli__assess__json(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    doc = {"questionnaire": "sme_digital", "enterprise": {"name": "测试"}, "answers": {"base.info_system_coverage": "full"}}
    f.write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = run("assess", str(f), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["questionnaire"].startswith("sme_digital@") and data["score"] == 10


def test_cli__assess__english(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("questionnaire: sme_digital\nanswers: {}\n", encoding="utf-8")
    code, out, _ = run("assess", str(f), "--lang", "en")
    assert code == 0 and "Below level 1" in out and "Score: 0 / 100" in out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, ["missing.yaml", "file not found"]),
        ("questionnaire: sme_digital\nanswers: [1, 2\n", ["line", "malformed YAML"]),
        ("questionnaire: sme_digital\nanswers:\n  nope: 1\n", ["answers › nope", "unknown question id"]),
        ("questionnaire: sme_digital\nanswers:\n  base.info_system_coverage: all\n", ["base.info_system_coverage", "'all' is not allowed"]),
        ("questionnaire: sme_digital\nanswers:\n  base.network: 3\n", ["base.network", "expected a list"]),
        ("questionnaire: nosuch\nanswers: {}\n", ["nosuch", "unknown questionnaire", "smart_factory"]),
        ("questionnaire: sme_digital@1999\nanswers: {}\n", ["sme_digital@1999", "unknown version"]),
        ("questionnaire: sme_digital\nanswers: {}\nextra: 1\n", ["extra", "Extra inputs"]),
        ("questionnaire: sme_digital\nenterprise: {size: huge}\nanswers: {}\n", ["enterprise › size"]),
        ("answers: {}\n", ["questionnaire", "Field required"]),
        ("- just\n- a list\n", ["expected a mapping"]),
        ("questionnaire: sme_digital\nanswers: {}\nanswers: {}\n", ["duplicate key 'answers'"]),
    ],
)
def test_cli__assess__bad_input__one_line_error_no_traceback(tmp_path: Path, content: str | None, words: list[str]) -> None:
    f = tmp_path / "missing.yaml"
    if content is not None:
        f = tmp_path / "answers.yaml"
        f.write_text(content, encoding="utf-8")
    code, out, err = run("assess", str(f))
    assert code == 2
    assert "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1, err
    for w in words:
        assert w in err, err


def test_cli__assess__not_utf8(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_bytes("questionnaire: 智能".encode("gbk"))
    code, _, err = run("assess", str(f))
    assert code == 2 and "UTF-8" in err


def test_cli__bad_lang() -> None:
    code, _, err = run("questionnaires", "--lang", "fr")
    assert code == 2 and "--lang" in err


def test_cli__validate__builtin_ok() -> None:
    code, out, _ = run("validate", str(EXAMPLES.parent))
    assert code == 0
    assert "✓ smart_factory@" in out and "✓ sme_digital@" in out


def test_cli__validate__broken_prints_located_errors(mini_copy: Path) -> None:
    f = mini_copy / "sections" / "a.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("tier: two}", "tier: three}"), encoding="utf-8")
    code, _, err = run("validate", str(mini_copy))
    assert code == 1
    assert "sections/a.yaml › p2 › tier" in err


def test_cli__validate__missing_path() -> None:
    code, _, err = run("validate", "/nonexistent/dir")
    assert code == 2 and "no such file" in err


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_cli__examples__assess(example: Path) -> None:
    code, out, err = run("assess", str(example))
    assert code == 0, err
    assert "等级" in out
