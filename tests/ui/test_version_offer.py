"""The questionnaire offers an enterprise with a smart_factory@2025.1 draft the newer
version, lists what changes, and opens the new draft after the move (AppTest)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessment import services

from .conftest import APP, World


def test_questionnaire__2025_1_draft__offered_2025_2_and_moved(world: World) -> None:
    ent = world.actor("ent-a")
    old = services.start_assessment(world.db, ent, world.org_a, "smart_factory@2025.1").summary.id
    services.save_answers(
        world.db, ent, old, {"practice.production_management.advanced.safety_energy_environment_digital": True, "cmmm.level": "l2"}
    )
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["actor"] = ent
    at.session_state["lang"] = "zh"
    at.session_state["current_assessment"] = old
    at.run()
    at.switch_page("app_pages/questionnaire.py").run()
    assert not at.exception
    info = "\n".join(str(i.value) for i in at.info)
    assert "smart_factory@2025.1" in info and "smart_factory@2025.2" in info and "（4 项，原有 2 项）" in info
    at.button(key=f"version_offer.migrate.{old}").click().run()
    assert not at.exception
    new_id = int(at.query_params["a"][0] if isinstance(at.query_params["a"], list) else at.query_params["a"])
    assert new_id != old
    view = services.get_assessment(world.db, ent, new_id)
    assert view.summary.questionnaire == "smart_factory@2025.2"
    assert view.answers["practice.production_management.advanced.energy_digital_control"] is True
    assert any(f"#{new_id}" in str(s.value) for s in at.success)
    # the new draft offers nothing more; the old one says where it went
    assert services.migration_offer(world.db, ent, new_id) is None
    offer = services.migration_offer(world.db, ent, old)
    assert offer is not None and offer.migrated_to == new_id


def test_questionnaire__newest_version_draft__no_offer(world: World) -> None:
    ent = world.actor("ent-a")
    aid = services.start_assessment(world.db, ent, world.org_a, "smart_factory").summary.id
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["actor"] = ent
    at.session_state["lang"] = "en"
    at.session_state["current_assessment"] = aid
    at.run()
    at.switch_page("app_pages/questionnaire.py").run()
    assert not at.exception and not any("Move to" in str(b.label) for b in at.button)
