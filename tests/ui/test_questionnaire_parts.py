"""The questionnaire can be finished and found again: inventory completion, resume, parts, numbers."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessment import load_questionnaire, services

from .conftest import APP, World


def _open(world: World, aid: int, part: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["actor"] = world.actor("ent-a")
    at.session_state["current_assessment"] = aid
    if part is not None:
        at.query_params["part"] = part
    at.run()
    at.switch_page("app_pages/questionnaire.py").run()
    assert not at.exception, at.exception
    return at


def test_inventory__rest_not_implemented__completes_the_part(world: World) -> None:
    ent = world.actor("ent-a")
    aid = services.start_assessment(world.db, ent, world.org_a, "smart_factory").summary.id
    services.save_answers(world.db, ent, aid, {"scenario.equipment_monitoring": "implemented"})
    at = _open(world, aid, part="7")
    assert at.header[0].value == "智能制造典型场景"
    assert any("已标记 1/40 个场景" in c.value for c in at.caption)
    at.button(key="questionnaire.inventory_rest.scenarios").click().run()
    assert not at.exception
    view = services.get_assessment(world.db, ent, aid)
    scenarios = [q.id for q in load_questionnaire("smart_factory").sections[6].questions]
    assert view.answers["scenario.equipment_monitoring"] == "implemented"
    assert all(view.answers.get(q) for q in scenarios)
    part = next(p for p in view.progress.parts if p.id == "scenarios")
    assert part.complete and part.answered == 40
    assert not [b for b in at.button if b.key == "questionnaire.inventory_rest.scenarios"]


def test_questionnaire__resume_url_parts_numbers(world: World) -> None:
    qn = load_questionnaire("sme_digital")
    ent = world.actor("ent-a")
    first = {q.id: q.options[0].value for q in qn.sections[0].questions if q.kind == "single"}
    first.update({q.id: [] for q in qn.sections[0].questions if q.kind == "multi"})
    first.update({q.id: 35 for q in qn.sections[0].questions if q.kind == "number"})
    services.save_answers(world.db, ent, world.draft_a, first)
    # a new session (a reload) opens the first part with an unanswered question, marked in the URL
    at = _open(world, world.draft_a)
    assert at.header[0].value == qn.sections[1].label.zh
    assert at.query_params["part"] in ("2", ["2"])
    # the URL's part wins; part 1 is marked complete
    at = _open(world, world.draft_a, part="1")
    assert at.header[0].value == qn.sections[0].label.zh
    nav = at.get("button_group")[0]
    assert ":material/check_circle:" in str(nav.proto)
    # one expander per question for 依据 / 可信度 / 佐证, one legend of A/B/C for the page
    labels = [e.label for e in at.expander]
    assert labels.count("“可信度” A / B / C 是什么意思？") == 1
    assert labels.count("依据、可信度与佐证材料") >= 5
    assert not any("依据：" in c.value for c in at.caption)
    # counts are whole numbers, the range is stated, an out-of-range value is refused in Chinese
    count = at.number_input(key=f"a{world.draft_a}.r1.base.device_digitization.total_devices")
    assert count.value == 35 and isinstance(count.value, int)
    assert any(c.value == "允许范围：0–100（%）" for c in at.caption)
    at.number_input(key=f"a{world.draft_a}.r1.base.device_digitization.value").set_value(150.0).run()
    assert not at.exception
    assert any("「具体数据」输入无效" in e.value and "不能大于 100" in e.value for e in at.error), [e.value for e in at.error]
    assert services.get_assessment(world.db, ent, world.draft_a).answers["base.device_digitization.value"] == 35
