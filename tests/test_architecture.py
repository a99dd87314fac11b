"""Layering: the engine is pure and imports none of the outer layers (DESIGN.md §2)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ROOT / "assessment" / "engine"
FORBIDDEN = {
    "streamlit", "sqlalchemy", "reportlab", "pandas", "altair", "alembic", "psycopg", "openpyxl",
    "typer", "requests", "httpx", "sqlite3", "socket", "subprocess", "random", "datetime", "time",
    "os", "pathlib", "shutil", "tempfile", "io", "urllib",
}
OUTER = {"assessment.services", "assessment.storage", "assessment.io", "assessment.cli", "assessment.catalog", "reports", "app_pages"}


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((a.name, node.lineno) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                out.append((node.module, node.lineno))
            elif node.level >= 2:  # from ..x import y: leaves the engine package
                out.append((f"assessment.{node.module or ''}", node.lineno))
    return out


def test_architecture__engine_imports_no_outer_layer_or_io() -> None:
    problems = []
    files = sorted(ENGINE.rglob("*.py"))
    assert files
    for f in files:
        for name, line in _imports(f):
            top = name.split(".")[0]
            if top in FORBIDDEN or any(name == o or name.startswith(o + ".") for o in OUTER):
                problems.append(f"{f.relative_to(ROOT)}:{line} imports {name}")
    assert not problems, "\n".join(problems)


def test_architecture__engine_has_no_open_or_print_calls() -> None:
    problems = []
    for f in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"open", "print", "input"}:
                problems.append(f"{f.relative_to(ROOT)}:{node.lineno} calls {node.func.id}()")
    assert not problems, "\n".join(problems)


def test_architecture__streamlit_only_in_the_ui() -> None:
    allowed = {ROOT / "streamlit_app.py"}
    problems = []
    for f in sorted(ROOT.glob("assessment/**/*.py")) + sorted(ROOT.glob("reports/**/*.py")):
        if f in allowed:
            continue
        for name, line in _imports(f):
            if name.split(".")[0] == "streamlit":
                problems.append(f"{f.relative_to(ROOT)}:{line}")
    assert not problems, "\n".join(problems)
