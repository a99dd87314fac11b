"""The consultant's web tools through AppTest: Excel upload (located problems, nothing saved;
then a new round), the round comparison on the result page, the 诊断机构 on the clients page."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment import load_questionnaire, services
from assessment.io.answers_file import read_answers
from assessment.io.excel_template import write_template

from .conftest import World
from .test_app_pages import app, texts

EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_excel_upload__bad_then_good__nothing_saved_then_a_new_round_compared(world: World) -> None:
    cons = world.actor("consultant")
    q = load_questionnaire("sme_digital")
    before = services.list_assessments(world.db, cons, organisation_id=world.org_a).total
    at = app(cons).run()
    at.switch_page("app_pages/assessments.py").run()
    upload = at.get("file_uploader")[0]
    bad = write_template(q, {"credit_code": "91510100MA61R8XK0W", "region": "12345"})
    upload.upload("坏的.xlsx", bad, XLSX).run()
    shown = "\n".join(str(x.value) for x in at.text) + texts(at)
    assert "发现 1 处问题，未保存任何内容" in shown and "坏的.xlsx › 企业信息 Enterprise › 第 6 行 row 6 › C 列" in shown
    assert services.list_assessments(world.db, cons, organisation_id=world.org_a).total == before
    good = write_template(q, {"credit_code": "91510100MA61R8XK0W"}, read_answers(EXAMPLES / "sme_digital_level3.yaml").answers)
    at.get("file_uploader")[0].upload("第二轮.xlsx", good, XLSX).run()
    assert "工作簿检查通过" in texts(at)
    at.button(key=f"excel.import.{world.org_a}").click().run()
    assert not at.exception, at.exception
    assert services.list_assessments(world.db, cons, organisation_id=world.org_a).total == before + 1
    shown = texts(at)
    assert "本轮为第 2 轮（共 2 轮" in shown and "水平由「未达一级」提升为「三级」" in shown
    at.switch_page("app_pages/assessments.py").run()
    listing = texts(at)
    assert "第 2 轮" in listing and "第 1 轮" in listing  # by creation, per questionnaire


def test_result__first_round__says_there_is_nothing_to_compare(world: World) -> None:
    at = app(world.actor("ent-a"))
    at.session_state["current_assessment"] = world.draft_a
    at.run()
    at.switch_page("app_pages/result.py").run()
    assert not at.exception
    assert "没有上一轮可比较" in texts(at) and "本轮为第 1 轮（共 1 轮" in texts(at)


def test_clients__consultant_sets_its_organisation(world: World) -> None:
    at = app(world.actor("consultant")).run()
    at.text_input(key="consult.org.name").input("某某智造咨询").run()
    at.button(key="consult.org.save").click().run()
    assert not at.exception and "已保存诊断机构" in texts(at)
    assert services.consultant_organisation(world.db, world.actor("consultant")) == "某某智造咨询"


def test_clients__zip_of_reports__asks_for_and_passes_the_assessor(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ZIP's PDFs are made like the result page's: with the 评估人 typed beside the button
    (the 诊断机构 comes from the account inside services.pdf_report)."""
    calls: list[dict[str, object]] = []
    real = services.pdf_report

    def spy(db: object, actor: object, assessment_id: int, **kw: object) -> bytes:
        calls.append({"id": assessment_id, **kw})
        return real(db, actor, assessment_id, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "pdf_report", spy)
    at = app(world.actor("consultant")).run()
    at.multiselect(key="clients.batch").set_value([world.org_a]).run()
    at.text_input(key="report.assessor").input("张  评估").run()
    at.button(key="clients.zip").click().run()
    assert not at.exception, at.exception
    assert [c["assessor"] for c in calls] == ["张 评估"] and calls[0]["lang"] == "zh"
    assert any("ZIP" in b.label for b in at.get("download_button"))
