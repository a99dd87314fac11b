"""The client a consultant picks on 客户企业 is the one every other page works on."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessment import services

from .conftest import APP, World


def test_consultant__client_chosen_on_clients_page__carried_to_assessments_and_new_round(world: World) -> None:
    services.link_consultant(world.db, services.Actor.system("tests"), "consultant", world.org_b)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["actor"] = world.actor("consultant")
    at.run()
    at.selectbox(key="clients.current").select(world.org_b).run()
    at.button(key="clients.open").click().run()
    assert not at.exception
    assert at.selectbox(key="assessments.org").value == world.org_b
    assert any("绵阳乙电子有限公司" in str(m.value) for m in at.sidebar.markdown)
    at.button(key="assessments.start").click().run()
    assert not at.exception
    newest = services.list_assessments(world.db, world.actor("consultant"), limit=1).items[0]
    assert newest.organisation_id == world.org_b
