"""The action plan workbook (formula-like values neutralised) and the draft 申报书 DOCX
(the enterprise's implemented scenarios, marked places to write, never more than answered)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from assessment import assess, load_questionnaire
from assessment.io.action_plan import write_action_plan
from assessment.io.answers_file import read_answers
from assessment.io.application_docx import ApplicationError, write_application

EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"


def _case(name: str) -> tuple:  # type: ignore[type-arg]
    af = read_answers(EXAMPLES / f"{name}.yaml")
    q = load_questionnaire(af.questionnaire)
    return q, assess(q, af.answers, af.enterprise.profile()), af.answers, af.enterprise.profile()


def test_action_plan__roadmap_with_owner_due_status__and_no_formula_anywhere() -> None:
    q, r, answers, profile = _case("smart_factory_basic")
    hostile = profile.model_copy(update={"name": '=HYPERLINK("http://evil.example","x")'})
    data = write_action_plan(q, r, answers, hostile, {q.questions[0].id: "@SUM(A1)"})
    wb = load_workbook(io.BytesIO(data))
    plan = wb["行动计划 Action plan"]
    assert plan["I3"].value.startswith("负责人") and plan["J3"].value.startswith("计划完成日期") and plan["K3"].value.startswith("状态")
    assert plan.max_row == 3 + len(r.roadmap) and plan["K4"].value == "未开始 Not started"
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    note = next(c for c in cells if c.value == "@SUM(A1)")
    assert note.data_type == "s" and note.quotePrefix


def test_application__lists_the_implemented_scenarios_and_marks_places_to_write() -> None:
    q, r, answers, profile = _case("smart_factory_advanced")
    data = write_application(
        q, r, answers, profile, {"scenario.equipment_monitoring": "见设备联网截图"}, {"scenario.equipment_monitoring": ["联网.png"]}
    )
    d = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in d.paragraphs)
    implemented = [x for x in q.questions if x.guide_stage and answers.get(x.id) in ("implemented", "implemented_ai")]
    assert implemented and all(x.label.zh in text for x in implemented)
    not_done = [x for x in q.questions if x.guide_stage and answers.get(x.id) not in ("implemented", "implemented_ai")]
    assert not any(f"\n{x.label.zh}" in text for x in not_done)  # never claims a scenario the answers do not
    assert f"已实施典型场景 {len(implemented)} 个" in text and "可申报等级为「先进级」" in text
    for heading in ("一、申报主体和智能工厂基本信息", "二、场景建设情况", "三、建设成效", "四、投资预算与资金来源", "七、保障措施"):
        assert heading in text
    marked = [run for p in d.paragraphs for run in p.runs if run.text.startswith("【请企业填写")]
    assert len(marked) >= 8 and all(run.font.highlight_color is not None for run in marked)


def test_application__nothing_eligible__says_so_and_sme_is_refused() -> None:
    q, r, answers, profile = _case("smart_factory_none")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(write_application(q, r, answers, profile))).paragraphs)
    assert "尚不满足任何等级的申报条件" in text
    q, r, answers, profile = _case("sme_digital_level2")
    with pytest.raises(ApplicationError, match="智能工厂梯度培育自评"):
        write_application(q, r, answers, profile)
