"""The 40-scenario inventory is one table whose ticks reflect the stored answers."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessment import services

from .conftest import APP, World


def test_scenario_table__shows_stored_answers(world: World) -> None:
    ent = world.actor("ent-a")
    view = services.start_assessment(world.db, ent, world.org_a, "smart_factory")
    aid = view.summary.id
    services.save_answers(
        world.db, ent, aid, {"scenario.equipment_monitoring": "implemented", "scenario.quality_traceability": "implemented_ai"}
    )
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["actor"] = ent
    at.session_state["current_assessment"] = aid
    at.session_state[f"questionnaire.step.{aid}"] = 6  # the scenario part
    at.run()
    at.switch_page("app_pages/questionnaire.py").run()
    assert not at.exception
    assert at.dataframe, "the scenario inventory table is shown"
    df = at.dataframe[0].value
    row = df.loc["scenario.equipment_monitoring"]
    assert bool(row["已实施"]) and not bool(row["应用AI"])
    row = df.loc["scenario.quality_traceability"]
    assert bool(row["已实施"]) and bool(row["应用AI"])
    assert int(df["已实施"].sum()) == 2
