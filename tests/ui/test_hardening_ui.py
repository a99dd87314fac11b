"""Issue 8 in the web app: sign-in keyed per visitor, sessions that end, hostile URLs,
concurrent edits of one answer, and demo data behind the first-start token."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assessment import load_questionnaire, services
from assessment.services import security
from assessment.storage import Database

from .conftest import APP, PASSWORD, World

QID = "base.info_system_coverage"


def app(actor: services.Actor | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if actor is not None:
        at.session_state["actor"] = actor
    at.session_state["lang"] = "zh"
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [i.value for i in at.info] + [w.value for w in at.warning]
    parts += [s.value for s in at.success] + [c.value for c in at.caption] + [h.value for h in at.title]
    return "\n".join(str(p) for p in parts)


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="login.username").input(username)
    at.text_input(key="login.password").input(password)
    at.button[0].click().run()
    return at


def test_login__successful_sign_ins__never_lock_out_the_next_visitor(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "CLIENT_FREE_ATTEMPTS", 3)  # so that a handful of sign-ins would trip a shared key
    clients: list[str | None] = []
    real = services.authenticate

    def spy(db: Database, username: str, password: str, *, client: str | None = None) -> services.Actor:
        clients.append(client)
        return real(db, username, password, client=client)

    monkeypatch.setattr(services, "authenticate", spy)
    for _ in range(6):
        at = sign_in(app().run(), "ent-a", PASSWORD)
        assert not at.exception
        assert at.session_state["actor"].username == "ent-a", texts(at)
    # AppTest has no address and one session id for every run: one key for all six, as a
    # shared office address would be, and still no lock-out, since successes never count
    assert len(clients) == 6 and set(clients) == {"session:test session id"}


def test_session__password_reset_elsewhere__signs_out_at_the_next_rerun(world: World) -> None:
    at = app(world.actor("ent-a")).run()
    assert "我的评估" in texts(at)
    services.set_password(world.db, services.Actor.system("tests"), "ent-a", "a brand new passphrase")
    at.run()
    assert not at.exception
    assert "actor" not in at.session_state
    assert "登录已失效" in texts(at)
    assert at.text_input(key="login.username") is not None


@pytest.mark.parametrize("param", ["99999999999999999999", "2147483648", "1e3", "٣", "0x10"])
def test_url__absurd_assessment_id__refused_without_an_error_box(world: World, param: str) -> None:
    at = app(world.actor("ent-a"))
    at.query_params["a"] = param
    at.run()
    at.switch_page("app_pages/questionnaire.py").run()
    assert not at.exception
    assert "无权访问" in texts(at)


def _open(world: World, who: str) -> AppTest:
    at = app(world.actor(who))
    at.session_state["current_assessment"] = world.draft_a
    at.run()
    at.switch_page("app_pages/questionnaire.py").run()
    return at


def test_questionnaire__same_answer_edited_in_two_sessions__later_save_refused_and_current_shown(world: World) -> None:
    options: list[Any] = [o.value for o in load_questionnaire("sme_digital").question(QID).options]
    key = f"a{world.draft_a}.r1.{QID}"
    owner = _open(world, "ent-a")
    consultant = _open(world, "consultant")  # both pages now show the answer as it is
    consultant.radio(key=key).set_value(options[1]).run()
    assert not consultant.exception
    owner.radio(key=key).set_value(options[2]).run()
    assert not owner.exception
    assert "consultant" in texts(owner) and "未保存" in texts(owner)
    assert owner.radio(key=key).value == options[1]  # the page shows what is stored now
    view = services.get_assessment(world.db, world.actor("ent-a"), world.draft_a)
    assert view.answers[QID] == options[1]
    owner.radio(key=key).set_value(options[2]).run()  # having seen it, the owner may change it
    assert services.get_assessment(world.db, world.actor("ent-a"), world.draft_a).answers[QID] == options[2]


def test_setup__demo_data__needs_the_token_and_makes_no_admin(empty_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SFA_DEMO", "1")
    at = app().run()
    at.text_input(key="setup.demo_token").input("guess")
    at.button[1].click().run()
    assert not at.exception
    assert "首次启动口令不正确" in texts(at)
    assert not services.has_users(empty_db)
    token = services.first_start_token().read_text(encoding="utf-8").strip()
    at.text_input(key="setup.demo_token").input(token)
    at.button[1].click().run()
    assert not at.exception
    assert "演示数据已载入" in texts(at)
    roles = {u.role for u in services.list_users(empty_db, services.Actor.system("tests"))}
    assert roles == {"enterprise", "consultant", "bureau"}
