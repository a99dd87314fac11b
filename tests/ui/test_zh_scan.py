"""Every page, every role, in zh mode: no English words or internal keys in what it shows
(only terms Chinese readers use as they are, such as MES, ERP, PDF, AI, GB/T)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessment import catalog, services
from assessment.io.answers_file import read_answers

from .conftest import APP, World
from .zh_scan import english_words

USER_TEXT = {"ent", "admin", "consultant", "bureau", "my"}  # the test accounts' own names (user data)
PAGES = {
    "ent-a": ["assessments", "questionnaire", "result", "profile"],
    "consultant": ["clients", "assessments", "questionnaire", "result"],
    "bureau-my": ["submissions", "result"],
    "admin": ["users"],
}


@pytest.mark.parametrize("user", list(PAGES))
def test_zh_mode__every_page__no_english(world: World, user: str) -> None:
    leaks: dict[str, set[str]] = {}
    for page in PAGES[user]:
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state["actor"] = world.actor(user)
        at.session_state["lang"] = "zh"
        at.session_state["current_assessment"] = world.submitted_b if user == "bureau-my" else world.draft_a
        at.run()
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, at.exception
        words = english_words(at, USER_TEXT)
        if words:
            leaks[page] = words
    assert not leaks, {k: sorted(v) for k, v in leaks.items()}


def test_zh_mode__smart_factory_parts_and_result__no_english(world: World) -> None:
    ent = world.actor("ent-a")
    example = read_answers(catalog.questionnaires_dir() / "examples" / "smart_factory_advanced.yaml")
    aid = services.start_assessment(world.db, ent, world.org_a, "smart_factory").summary.id
    services.save_answers(world.db, ent, aid, example.answers)
    leaks: dict[str, set[str]] = {}
    for page, part in (("questionnaire", "1"), ("questionnaire", "7"), ("questionnaire", "8"), ("result", None)):
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state["actor"] = ent
        at.session_state["current_assessment"] = aid
        if part:
            at.query_params["part"] = part
        at.run()
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, at.exception
        words = english_words(at, USER_TEXT)
        if words:
            leaks[f"{page}{part or ''}"] = words
    assert not leaks, {k: sorted(v) for k, v in leaks.items()}
