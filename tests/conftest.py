"""Shared fixtures: the mini questionnaire (tests/fixtures) and the built-in ones."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from assessment import load_questionnaire
from assessment.catalog import load_dir
from assessment.engine.models import Questionnaire

# One audit key for every test database (never the data directory's audit-key file).
os.environ.setdefault("SFA_AUDIT_KEY", "test audit key - not a secret")

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini" / "1.0"
BUILTIN = ("smart_factory", "sme_digital")


@pytest.fixture(scope="session")
def mini() -> Questionnaire:
    return load_dir(MINI)


@pytest.fixture(scope="session", params=BUILTIN)
def builtin(request: pytest.FixtureRequest) -> Questionnaire:
    return load_questionnaire(request.param)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini questionnaire tree; returns its version directory."""
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    return tmp_path / "fixtures" / "mini" / "1.0"


def most_mature(q: Questionnaire) -> dict[str, Any]:
    """The most mature answer to every question."""
    out: dict[str, Any] = {}
    for x in q.questions:
        if x.kind == "single":
            out[x.id] = x.options[-1].value
        elif x.kind == "multi":
            out[x.id] = [o.value for o in x.options if not o.exclusive]
        elif x.kind == "yesno":
            out[x.id] = True
        elif x.kind == "number" and x.id in graded_numbers(q) and x.number is not None and x.number.max is not None:
            out[x.id] = x.number.max  # a figure a rule grades (e.g. revenue for 规上)
    return out


def graded_numbers(q: Questionnaire) -> set[str]:
    """Number questions a criterion reads through ``number_at_least``."""
    from assessment.engine.conditions import NumberAtLeast, walk

    return {
        c.number_at_least.question for r in q.grading.rungs for cr in r.criteria for c in walk(cr.require) if isinstance(c, NumberAtLeast)
    }


def least_mature(q: Questionnaire) -> dict[str, Any]:
    """The least mature answer to every question."""
    out: dict[str, Any] = {}
    for x in q.questions:
        if x.kind == "single":
            out[x.id] = x.options[0].value
        elif x.kind == "multi":
            out[x.id] = []
        elif x.kind == "yesno":
            out[x.id] = False
    return out


def shared_cache() -> str:
    """The cache directory (PDF fonts, parsed questionnaires) every test and test server uses:
    SFA_CACHE_DIR if set, else the user's own, which ``make install`` filled in the background
    while lint ran — so a clean CI machine makes the fonts once, not once more for the tests.
    Entries are named by content, so sharing never mixes versions."""
    from assessment.compiled import cache_root

    return os.environ.get("SFA_CACHE_DIR") or str(cache_root())
