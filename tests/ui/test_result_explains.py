"""The result page leads with what decides the tier and explains itself (issue 10, items 11–16)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from assessment import catalog, services
from assessment.io.answers_file import read_answers

from .conftest import APP, World
from .test_app_pages import texts

EMOJI = ("✅", "⬜", "✔️", "❌", "📎", "✓")


def _result_page(world: World, aid: int) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["actor"] = world.actor("ent-a")
    at.session_state["current_assessment"] = aid
    at.run()
    at.switch_page("app_pages/result.py").run()
    assert not at.exception, at.exception
    return at


def _specs(at: AppTest) -> list[str]:
    raw = [el.proto.spec for el in at.get("arrow_vega_lite_chart")] + [el.proto.spec for el in at.get("vega_lite_chart")]
    return [json.dumps(json.loads(s), ensure_ascii=False) for s in raw]  # the spec escapes Chinese


def test_result__tier__next_rung_conditions_first_completion_not_score(world: World) -> None:
    ent = world.actor("ent-a")
    example = read_answers(catalog.questionnaires_dir() / "examples" / "smart_factory_advanced.yaml")
    aid = services.start_assessment(world.db, ent, world.org_a, "smart_factory").summary.id
    services.save_answers(world.db, ent, aid, example.answers)
    result = services.result(world.db, ent, aid)
    nxt = next(r for r in result.rungs if r.id == result.next_rung)
    met = sum(c.met for c in nxt.criteria)
    at = _result_page(world, aid)
    page = texts(at)
    assert at.subheader[0].value == "距卓越级还差什么"
    assert f"{len(nxt.criteria)} 项条件中已满足 **{met}** 项" in page
    assert "答卷显示已具备的建设水平" in page and "还需满足申报条件" in page
    assert [m.label for m in at.metric][:1] == ["建设内容完成度"] and "/ 100" not in " ".join(m.value for m in at.metric)
    # gap items indented under their criterion, as actions
    gap_blocks = [m.value for m in at.markdown if m.value.startswith("- **") and "\n    - " in m.value]
    assert gap_blocks and any("    - 待建设：" in b or "    - 实施场景：" in b for b in gap_blocks)
    assert "否 → 是" not in page
    assert not any(e in page for e in EMOJI)
    specs = _specs(at)
    assert len(specs) == 2 and any("完成度" in s for s in specs)
    assert not any("下一级要求" in s for s in specs)
    assert all('"width": "container"' in s for s in specs)


def test_result__sme__scenario_levels_chart_and_submit_confirmation(world: World) -> None:
    at = _result_page(world, world.draft_a)
    assert any("约束性场景" in s and "达到的等级" in s for s in _specs(at))
    at.checkbox(key=f"result.pledge.{world.draft_a}").check().run()
    at.button(key="result.submit").click().run()
    assert not at.exception
    page = texts(at)
    assert "已提交至经信局（" in page and "接下来" in page
    assert "等待审核" in page
