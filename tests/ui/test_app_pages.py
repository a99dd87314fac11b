"""Every page, every role, through Streamlit's AppTest (widgets driven by key)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessment import services

from .conftest import APP, PASSWORD, World

PAGES_BY_ROLE = {
    "ent-a": ["assessments", "questionnaire", "result", "profile"],
    "consultant": ["clients", "assessments", "questionnaire", "result"],
    "bureau-my": ["bureau", "submissions", "candidates", "register", "review", "result"],
    "admin": ["users"],
}


def app(actor: services.Actor | None = None, lang: str = "zh") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if actor is not None:
        at.session_state["actor"] = actor
    at.session_state["lang"] = lang
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [i.value for i in at.info]
    parts += [s.value for s in at.success] + [h.value for h in at.title] + [h.value for h in at.header] + [c.value for c in at.caption]
    parts += [h.value for h in at.subheader]
    return "\n".join(str(p) for p in parts)


def _token() -> str:
    from assessment import services as sv

    return sv.first_start_token().read_text(encoding="utf-8").strip()


def test_setup__empty_database__first_admin_form(empty_db: object) -> None:
    at = app().run()
    assert "首次启动" in texts(at)
    at.text_input(key="setup.token").input("wrong")
    at.text_input(key="setup.username").input("root-admin")
    at.text_input(key="setup.password").input(PASSWORD)
    at.text_input(key="setup.password2").input(PASSWORD)
    at.button[0].click().run()
    assert "首次启动口令不正确" in texts(at)
    assert not services.has_users(empty_db)  # type: ignore[arg-type]
    at.text_input(key="setup.token").input(_token())
    at.text_input(key="setup.password").input(PASSWORD)
    at.text_input(key="setup.password2").input(PASSWORD + "x")
    at.button[0].click().run()
    assert "两次输入的密码不一致" in texts(at)
    at.text_input(key="setup.password2").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert services.has_users(empty_db)  # type: ignore[arg-type]
    assert "登录" in texts(at) and "管理员账号已创建" in texts(at)


def test_setup__weak_input__message_not_crash(empty_db: object) -> None:
    at = app().run()
    at.text_input(key="setup.username").input("A")
    at.text_input(key="setup.password").input("x")
    at.text_input(key="setup.password2").input("x")
    at.button[0].click().run()
    assert not at.exception and at.error
    assert not services.has_users(empty_db)  # type: ignore[arg-type]


def test_login__empty_wrong_right(world: World) -> None:
    at = app().run()
    at.button[0].click().run()
    assert "请输入用户名和密码" in texts(at)
    at.text_input(key="login.username").input("ent-a")
    at.text_input(key="login.password").input("wrong password")
    at.button[0].click().run()
    assert "用户名或密码错误" in texts(at)
    at.text_input(key="login.password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["actor"].username == "ent-a"
    assert "我的评估" in texts(at)


@pytest.mark.parametrize(("user", "page"), [(u, p) for u, ps in PAGES_BY_ROLE.items() for p in ps])
def test_pages__every_role_every_page__renders(world: World, user: str, page: str) -> None:
    at = app(world.actor(user))
    at.session_state["current_assessment"] = world.submitted_b if user == "bureau-my" else world.draft_a
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    assert "Traceback" not in texts(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages__language(world: World, lang: str) -> None:
    at = app(world.actor("ent-a"), lang).run()
    assert ("My assessments" if lang == "en" else "我的评估") in texts(at)


def test_questionnaire__answer_is_saved_as_given(world: World) -> None:
    at = app(world.actor("ent-a"))
    at.session_state["current_assessment"] = world.draft_a
    at.run()
    at.switch_page("app_pages/questionnaire.py").run()
    key = f"a{world.draft_a}.r1.base.info_system_coverage"
    at.radio(key=key).set_value("most").run()
    assert not at.exception
    view = services.get_assessment(world.db, world.actor("ent-a"), world.draft_a)
    assert view.answers["base.info_system_coverage"] == "most"
    # a new session (a browser refresh) finds the answer again
    again = app(world.actor("ent-a"))
    again.session_state["current_assessment"] = world.draft_a
    again.run()
    again.switch_page("app_pages/questionnaire.py").run()
    assert again.radio(key=key).value == "most"


def test_questionnaire__number_out_of_range__message_next_to_question(world: World) -> None:
    at = app(world.actor("ent-a"))
    at.session_state["current_assessment"] = world.draft_a
    at.run()
    at.switch_page("app_pages/questionnaire.py").run()
    key = f"a{world.draft_a}.r1.base.device_digitization.value"
    at.number_input(key=key).set_value(150).run()
    assert not at.exception
    view = services.get_assessment(world.db, world.actor("ent-a"), world.draft_a)
    assert view.answers.get("base.device_digitization.value") in (None, 100)  # refused or clamped, never stored above 100


def test_questionnaire__other_organisations_assessment_by_state__refused(world: World) -> None:
    at = app(world.actor("ent-a"))
    at.session_state["current_assessment"] = world.submitted_b
    at.run()
    at.switch_page("app_pages/questionnaire.py").run()
    assert not at.exception
    assert "无权访问" in texts(at)
    assert "绵阳乙电子" not in texts(at)


@pytest.mark.parametrize("param", ["abc", "999999", "-1"])
def test_questionnaire__bad_or_foreign_id_in_url__refused(world: World, param: str) -> None:
    at = app(world.actor("ent-a"))
    at.query_params["a"] = param
    at.run()
    at.switch_page("app_pages/result.py").run()
    assert not at.exception


def test_result__submit_needs_pledge(world: World) -> None:
    at = app(world.actor("ent-a"))
    at.session_state["current_assessment"] = world.draft_a
    at.run()
    at.switch_page("app_pages/result.py").run()
    assert "未达一级" in texts(at)
    at.button(key="result.submit").click().run()
    assert "请先勾选真实性承诺" in texts(at)
    at.checkbox(key=f"result.pledge.{world.draft_a}").check().run()
    at.button(key="result.submit").click().run()
    assert not at.exception
    assert services.get_assessment(world.db, world.actor("ent-a"), world.draft_a).summary.status == "submitted"


def test_consultant__sees_only_linked_clients(world: World) -> None:
    at = app(world.actor("consultant")).run()
    assert not at.exception
    shown = str(at.dataframe[0].value)
    assert "成都甲精密机械" in shown and "绵阳乙电子" not in shown


def test_bureau__sees_submitted_in_jurisdiction_only(world: World) -> None:
    at = app(world.actor("bureau-my")).run()
    at.switch_page("app_pages/submissions.py").run()
    assert not at.exception
    shown = str(at.dataframe[0].value)
    assert "绵阳乙电子" in shown and "成都甲精密机械" not in shown


def test_admin__lists_accounts(world: World) -> None:
    at = app(world.actor("admin")).run()
    assert not at.exception
    assert "ent-a" in str(at.dataframe[0].value)


def test_consultant__notes_and_verified_mark_per_answer(world: World) -> None:
    at = app(world.actor("consultant"))
    at.session_state["current_assessment"] = world.draft_a
    at.run()
    at.switch_page("app_pages/questionnaire.py").run()
    prefix = f"a{world.draft_a}.r1."
    qid = "base.info_system_coverage"
    at.text_area(key=f"{prefix}note.{qid}").input("<b>现场核查</b> & 已见系统截图").run()
    at.button(key=f"{prefix}note_save.{qid}").click().run()
    assert not at.exception
    at.button(key=f"{prefix}verify.{qid}").click().run()
    notes = services.list_notes(world.db, world.actor("consultant"), world.draft_a, qid)
    assert next((n.kind, n.text) for n in notes) == ("note", "<b>现场核查</b> & 已见系统截图")
    assert any(n.kind == "verified" for n in notes)
    # the enterprise sees the note, literally, but gets no verify button
    ent = app(world.actor("ent-a"))
    ent.session_state["current_assessment"] = world.draft_a
    ent.run()
    ent.switch_page("app_pages/questionnaire.py").run()
    assert "<b>现场核查</b> & 已见系统截图" in [x.value for x in ent.text]
    assert not [b for b in ent.button if b.key == f"{prefix}verify.{qid}"]
