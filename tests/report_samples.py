"""Shared inputs and fixtures of the PDF report tests (tests/test_report*.py).

Answers are built here from the questionnaires (not read from questionnaires/examples), so the
report tests do not move when the examples are edited. The hostile strings are what a user may
type into the enterprise name, the notes and the consultant/assessor fields.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assessment import assess, load_questionnaire
from assessment.engine.models import Profile, Questionnaire

LONG = "长" * 1000 + "L" * 1000  # 2,000 characters with no space to break at
HOSTILE_NOTES = {
    "tag": "<b>不是粗体</b>",
    "amp": "A & B &amp; C",
    "script": "<script>alert('x')</script>",
    "unbalanced": "未闭合 <i>标签 <para><font",
    "emoji": "😀👍 完成",
    "rare": "王𠮷 堃 喆",
    "control": "响铃\x07符",
    "empty": "",
    "long": LONG,
}
HOSTILE_NAME = "<b>成都&amp;𠮷</b> 😀 精密 " + LONG
HOSTILE_CONSULTANT = "<b>四川</b> & Co. <script>x</script>"
HOSTILE_ASSESSOR = "王堃 喆 𠮷"
DATE = dt.date(2025, 3, 1)
CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


def smart_factory_answers(q: Questionnaire) -> dict[str, Any]:
    """Basic and Advanced practices in place but one left unanswered (so the report shows
    「未作答」), most scenarios implemented, a few with AI."""
    a: dict[str, Any] = {}
    scenario_cycle = ("implemented", "not_implemented", "implemented_ai", "implemented")
    n = 0
    for x in q.questions:
        if x.id.startswith("gate.") and x.kind == "number":
            a[x.id] = 5200
        elif x.id.startswith("gate."):
            a[x.id] = True
        elif x.id == "cmmm.level":
            a[x.id] = "l2"
        elif x.id == "recognition.current":
            a[x.id] = "basic_self"
        elif x.id == "practice.operations_management.advanced.on_time_delivery":
            continue
        elif "practice" in x.tags:
            a[x.id] = x.tier in ("basic", "advanced")
        elif "scenario" in x.tags:
            a[x.id] = scenario_cycle[n % 4]
            n += 1
        elif x.kind == "single" and x.id.startswith("kpi."):
            a[x.id] = "above_avg"
    return a


def sme_answers(q: Questionnaire) -> dict[str, Any]:
    """A level-2 enterprise of the 智改数转 diagnostic."""
    a: dict[str, Any] = {
        "base.network": ["industrial_control_network", "application_system_network"],
        "base.device_digitization": "r40_60",
        "base.device_networking": "r20_40",
        "base.data_auto_collection": ["production_control", "quality", "equipment", "finance"],
        "base.info_system_coverage": "multiple",
        "base.network_security": ["security_policy", "security_products"],
        "base.data_security": ["security_policy"],
        "management.planning_implementation": "started",
        "management.mechanism": ["transformation_workflow"],
        "management.talent": ["digital_staff", "regular_training"],
        "management.funding": "r10_20",
        "results.energy_intensity": "decrease",
        "results.pass_rate": "increase",
        "results.market_performance": "flat",
        "results.value_benefit": "flat",
    }
    levels = ["l2", "l1", "l2", "l1", "l2", "l3", "l2", "l2", "l1", "l2", "l2", "l2", "l3", "l1", "l2", "none"]
    for x, v in zip([x for x in q.questions if "scenario" in x.tags], levels, strict=False):
        a[x.id] = v
    return a


def profile(hostile: bool = False) -> Profile:
    if hostile:
        return Profile(name=HOSTILE_NAME, credit_code="<script>", region="51&0100", industry="<i>", size="large", production_type="mixed")
    return Profile(
        name="成都锦程精密机械有限公司",
        credit_code="91510100MA61R8XK0W",
        region="510100",
        industry="34",
        size="large",
        production_type="discrete",
    )


def notes_for(q: Questionnaire) -> dict[str, str]:
    """One hostile note on each of the first questions, and one for an unknown question."""
    ids = [x.id for x in q.questions]
    out = {ids[i]: text for i, text in enumerate(HOSTILE_NOTES.values())}
    out["no.such.question"] = "<b>孤立备注</b> orphan"
    return out


def built(name: str) -> tuple[Questionnaire, dict[str, Any], Any]:
    q = load_questionnaire(name)
    answers = smart_factory_answers(q) if name == "smart_factory" else sme_answers(q)
    return q, answers, assess(q, answers, profile())


def flat(text: str) -> str:
    """Text with all whitespace removed (extraction breaks lines wherever the layout did)."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def run_tool(*args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(list(args), input=data, capture_output=True, check=True, timeout=120)


@pytest.fixture(scope="session")
def font_cache() -> Iterator[Path]:
    """Fonts ready for the session, in the shared cache (:func:`tests.conftest.shared_cache`:
    SFA_CACHE_DIR, else the user's, which ``make install`` prepares), so only a machine that
    never prepared them pays the 20–40 s."""
    from reports import ensure_fonts
    from tests.conftest import shared_cache

    old = os.environ.get("SFA_CACHE_DIR")
    root = Path(shared_cache())
    os.environ["SFA_CACHE_DIR"] = str(root)
    ensure_fonts(progress=None)
    yield root
    if old is None:
        os.environ.pop("SFA_CACHE_DIR", None)
