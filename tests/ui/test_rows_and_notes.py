"""Row buttons say what they open, the sidebar never dead-ends, notes stay readable after submission."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessment import services

from .conftest import APP, World

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _app(actor: services.Actor) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["actor"] = actor
    return at


def test_rows_sidebar_and_notes_after_submission(world: World) -> None:
    bureau, ent = world.actor("bureau-my"), world.actor("ent-b")
    aid = world.submitted_b
    services.return_assessment(world.db, bureau, aid, "请补充佐证")
    services.add_note(world.db, ent, aid, "base.info_system_coverage", "ERP 已于 2024 年上线")
    services.add_evidence(world.db, ent, aid, "base.info_system_coverage", "系统截图.png", PNG)
    at = _app(ent).run()
    labels = {b.key: b.label for b in at.button}
    assert labels[f"assessments.open.{aid}"] == "修改后重新提交"
    services.submit(world.db, ent, aid)
    at = _app(ent).run()
    assert {b.key: b.label for b in at.button}[f"assessments.open.{aid}"] == "查看答卷"
    # the bureau opens 评估结果 from the sidebar with nothing chosen: the latest submission, with its notes
    at = _app(bureau).run()
    at.switch_page("app_pages/result.py").run()
    assert not at.exception
    assert not at.info or all("请先在" not in i.value for i in at.info)
    assert "ERP 已于 2024 年上线" in [x.value for x in at.text]
    assert any("系统截图" in b.label for b in at.get("download_button"))
    # the enterprise's questionnaire page is read-only but the note is still there
    at = _app(ent).run()
    at.switch_page("app_pages/questionnaire.py").run()
    assert not at.exception and "ERP 已于 2024 年上线" in [x.value for x in at.text]
