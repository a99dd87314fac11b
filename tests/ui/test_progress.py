"""One progress definition (the engine's) on every page that shows one."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from assessment import load_questionnaire, services
from assessment.engine import progress

from .conftest import APP, World


def _figures(at: AppTest) -> set[tuple[int, int]]:
    shown = " ".join([str(p.proto.text) for p in at.get("progress")] + [str(m.value) for m in at.metric] + [c.value for c in at.caption])
    return {(int(a), int(b)) for a, b in re.findall(r"(\d+)\s*/\s*(\d+)", shown)}


def test_progress__list_questionnaire_result__same_figures(world: World) -> None:
    ent = world.actor("ent-a")
    aid = services.start_assessment(world.db, ent, world.org_a, "smart_factory").summary.id
    services.save_answers(world.db, ent, aid, {"gate.above_designated_size": True, "scenario.equipment_monitoring": "implemented"})
    qn = load_questionnaire("smart_factory")
    expected = progress(qn, services.get_assessment(world.db, ent, aid).answers, {"production_type": "discrete", "size": "large"})
    assert expected.total < len(qn.questions)  # two follow-up questions are asked only after certain answers
    seen = []
    for page in ("assessments", "questionnaire", "result"):
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state["actor"] = ent
        at.session_state["current_assessment"] = aid
        at.run()
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception
        seen.append(_figures(at))
    for figures in seen:
        assert (expected.answered, expected.total) in figures, seen
    assert all((2, len(qn.questions)) not in f for f in seen)
