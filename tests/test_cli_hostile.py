"""Hostile answers files through the real ``sfa`` process: a one-line error naming the file,
exit code 2, never a traceback (issue 8, item 8)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HOSTILE = {
    "deep.json": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "deep.yaml": "a: " + "[" * 50_000 + "]" * 50_000,
    "bignum.json": '{"questionnaire": "sme_digital", "answers": {"x": ' + "9" * 5000 + "}}",
    "bignum.yaml": "questionnaire: sme_digital\nanswers:\n  x: " + "9" * 5000 + "\n",
    "nested.json": '{"questionnaire": "sme_digital", "answers": {"x": ' + "[" * 30 + "]" * 30 + "}}",
    "nul.json": '{"questionnaire": "smart_factory", "answers": {"cmmm.report": "a\\u0000b"}}',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_cli__hostile_answers_file__one_line_error_naming_it(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(HOSTILE[name], encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "assessment.cli", "assess", str(path)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2, (r.stdout, r.stderr[-2000:])
    assert "Traceback" not in r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0], lines[:5]
