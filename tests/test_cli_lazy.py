"""``sfa`` starts fast: a command loads only what it needs (no SQLAlchemy, services,
reportlab or openpyxl for ``sfa assess``), and every lazily loaded command still runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from assessment.cli import LAZY_COMMANDS, app

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("sqlalchemy", "assessment.services", "reportlab", "openpyxl", "streamlit", "pandas")


def test_cli__assess__imports_nothing_heavy() -> None:
    code = (
        "import sys; from assessment.cli import main; sys.argv = ['sfa', 'assess', sys.argv[1], '--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted({{m.split('.')[0] if not m.startswith('assessment.') else m for m in sys.modules if m.startswith({HEAVY!r})}}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "questionnaires/examples/sme_digital_level1.yaml")],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=True,
    )  # fmt: skip
    assert '"questionnaire": "sme_digital@' in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout[-300:]


def test_cli__every_lazy_command__has_help() -> None:
    for name in sorted(set(LAZY_COMMANDS)):
        r = CliRunner().invoke(app, [name, "--help"])
        assert r.exit_code == 0 and "Usage" in r.stdout, (name, r.stdout[-300:])
