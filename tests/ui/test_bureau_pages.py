"""The bureau's review page through AppTest: a return needs a reason, and the enterprise then
sees that reason on its list; the dashboard renders its figures and charts."""

from __future__ import annotations

from assessment import services

from .conftest import World
from .test_app_pages import app, texts


def test_review__return_needs_a_reason_that_the_enterprise_then_sees(world: World) -> None:
    at = app(world.actor("bureau-my"))
    at.session_state["current_assessment"] = world.submitted_b
    at.run()
    at.switch_page("app_pages/review.py").run()
    assert not at.exception, at.exception
    assert "审核：绵阳乙电子有限公司" in texts(at)
    at.text_area(key="review.reason").input("   ")
    at.button(key="FormSubmitter:review.return_form-退回修改").click().run()
    assert "退回修改必须填写原因" in texts(at)
    at.text_area(key="review.reason").input("请补充**财务管理**场景的佐证")
    at.button(key="FormSubmitter:review.return_form-退回修改").click().run()
    assert not at.exception, at.exception
    assert services.get_assessment(world.db, world.actor("ent-b"), world.submitted_b).summary.status == "returned"
    ent = app(world.actor("ent-b")).run()
    assert not ent.exception, ent.exception
    shown = "\n".join(w.value for w in ent.warning)
    assert "经信局已退回修改" in shown and "请补充\\*\\*财务管理\\*\\*场景的佐证" in shown


def test_dashboard__renders_headline_and_charts_for_the_jurisdiction(world: World) -> None:
    at = app(world.actor("bureau-my"), "en").run()
    assert not at.exception, at.exception
    assert at.metric[0].value == "1"
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    assert at.title[0].value == "Overview" and "绵阳市" in texts(at)


def test_result__peer_benchmark__suppressed_for_a_group_of_one(world: World) -> None:
    at = app(world.actor("ent-b"))
    at.session_state["current_assessment"] = world.submitted_b
    at.run()
    at.switch_page("app_pages/result.py").run()
    assert not at.exception, at.exception
    assert "同地区同行业对比" in texts(at)
    peers = next(d.value for d in at.dataframe if "企业数" in d.value.columns)
    assert set(peers["企业数"]) == {"样本不足"} and set(peers["得分中位数"]) == {"样本不足"}
