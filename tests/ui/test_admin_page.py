"""The admin page: Chinese labels, confirmations, organisations, disable / enable, password
reset and consultant links — all through the services."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessment import services
from assessment.codes import check_character

from .conftest import APP, PASSWORD, World
from .test_app_pages import texts


def test_admin__create_disable_reset_register_link(world: World) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["actor"] = world.actor("admin")
    at.run()
    assert not at.exception
    labels = [b.label for b in at.button]
    assert "创建账号" in labels and "登记企业" in labels and "创建管理员" not in labels
    assert at.selectbox(key="users.role").label == "角色"
    assert at.selectbox(key="users.jurisdiction").label.startswith("辖区")
    assert not any(c in str(at.dataframe[0].value.columns.tolist()) for c in ("role", "active"))
    # a new enterprise account, confirmed
    at.text_input(key="users.username").input("ent-new")
    at.text_input(key="users.password").input(PASSWORD)
    at.selectbox(key="users.org").select(world.org_b)
    at.button(key="FormSubmitter:users.create-创建账号").click().run()
    assert "已创建账号 ent\\-new（企业用户）" in texts(at), texts(at)
    # disabling needs the tick first
    at.selectbox(key="users.pick").select("ent-new").run()
    assert at.button(key="users.disable").disabled
    at.checkbox(key="users.confirm_disable").check().run()
    at.button(key="users.disable").click().run()
    assert "已停用" in texts(at)
    assert not next(u for u in services.list_users(world.db, world.actor("admin")) if u.username == "ent-new").active
    at.selectbox(key="users.pick").select("ent-new").run()
    at.button(key="users.enable").click().run()
    # password reset
    at.selectbox(key="users.pick").select("ent-new").run()
    at.text_input(key="users.new_password").input(PASSWORD + " new")
    at.text_input(key="users.new_password2").input(PASSWORD + " new")
    at.button(key="FormSubmitter:users.reset-重置密码").click().run()
    assert "密码已重置" in texts(at)
    assert services.authenticate(world.db, "ent-new", PASSWORD + " new").username == "ent-new"
    # an organisation, with region and industry chosen by name
    assert "成都市" in at.selectbox(key="users.org_region").format_func("510100")
    at.text_input(key="users.org_name").input("德阳丙重型装备有限公司")
    at.text_input(key="users.org_code").input("91510600MA62Q3L41" + check_character("91510600MA62Q3L41"))
    at.selectbox(key="users.org_region").select("510600")
    at.button(key="FormSubmitter:users.org-登记企业").click().run()
    assert not at.exception
    assert "已登记企业：德阳丙重型装备有限公司" in texts(at), texts(at)
    assert any(o.region_code == "510600" for o in services.list_organisations(world.db, world.actor("admin")))
    # link the consultant to a second client
    at.multiselect(key="users.link_orgs").select(world.org_b)
    at.button(key="FormSubmitter:users.link-关联为客户").click().run()
    assert "关联为 consultant 的客户" in texts(at)
    assert {x.organisation_id for x in services.list_links(world.db, world.actor("admin"))} == {world.org_a, world.org_b}
