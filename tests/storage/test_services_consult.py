"""Consultant services: importing an offline round for a client (all or nothing, matched by
统一社会信用代码), round numbering by creation, comparison with the previous round, and the
consultant's 诊断机构 on its reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from assessment import load_questionnaire
from assessment import services as svc
from assessment.io.answers_file import read_answers
from assessment.services import Actor

from .world import World

EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"


def _answers(name: str) -> dict[str, object]:
    return dict(read_answers(EXAMPLES / name).answers)


def _code(w: World, key: str) -> str:
    return svc.get_organisation(w.db, w.actor("admin"), w.orgs[key]).credit_code


def test_import__consultant__creates_a_draft_with_answers_and_notes_for_a_linked_client(world: World) -> None:
    cons = world.actor("cons_a")
    q = load_questionnaire("sme_digital")
    qid = q.questions[0].id
    got = svc.import_assessment(
        world.db, cons, questionnaire="sme_digital", credit_code=_code(world, "A").lower(),
        answers=_answers("sme_digital_level2.yaml"), notes={qid: "现场核实"}, source="a.xlsx",
    )  # fmt: skip
    view = svc.get_assessment(world.db, cons, got.assessment_id)
    assert view.summary.organisation_id == world.orgs["A"] and view.summary.status == "draft"
    assert view.answered == got.answered > 0
    assert [n.text for n in svc.list_notes(world.db, cons, got.assessment_id)] == ["现场核实"]
    assert any(
        e.action == "assessment.import" and e.detail["source"] == "a.xlsx"
        for e in svc.assessment_history(world.db, cons, got.assessment_id)
    )


def test_import__unlinked_client_or_bad_answer__refused_and_nothing_saved(world: World) -> None:
    cons = world.actor("cons_a")
    before = svc.list_assessments(world.db, world.actor("ent_b"), organisation_id=world.orgs["B"]).total
    with pytest.raises(svc.NotFound):
        svc.import_assessment(world.db, cons, questionnaire="sme_digital", credit_code=_code(world, "B"), answers={})
    with pytest.raises(svc.InvalidInput, match="答案无效"):
        svc.import_assessment(world.db, cons, questionnaire="sme_digital", credit_code=_code(world, "A"), answers={world.qid: "nonsense"})
    mine = svc.list_assessments(world.db, cons, organisation_id=world.orgs["A"]).total
    assert mine == 2 and svc.list_assessments(world.db, world.actor("ent_b"), organisation_id=world.orgs["B"]).total == before
    with pytest.raises(svc.InvalidInput, match="不是本企业的"):
        svc.import_assessment(world.db, world.actor("ent_a"), questionnaire="sme_digital", credit_code=_code(world, "B"), answers={})
    with pytest.raises(svc.PermissionDenied):
        svc.import_assessment(world.db, world.actor("bur_sc"), questionnaire="sme_digital", credit_code=_code(world, "A"), answers={})


def test_rounds__numbered_by_creation_and_compared_with_the_previous(world: World) -> None:
    ent = world.actor("ent_a")
    code = _code(world, "A")
    first = svc.import_assessment(world.db, ent, questionnaire="sme_digital", credit_code=code, answers=_answers("sme_digital_level1.yaml"))
    second = svc.import_assessment(
        world.db, ent, questionnaire="sme_digital", credit_code=code, answers=_answers("sme_digital_level3.yaml")
    )
    svc.save_answer(world.db, ent, first.assessment_id, world.qid, world.value)  # editing an old round keeps its place
    info, comparison = svc.compare_with_previous(world.db, ent, second.assessment_id)
    assert (info.number, info.count, info.previous_id) == (4, 4, first.assessment_id)
    assert comparison is not None and comparison.rung_change == "up"
    assert comparison.headline.zh.startswith("水平由「一级」提升为「三级」")
    assert comparison.gaps_closed and all(s.delta is not None for s in comparison.sections)
    assert svc.round_info(world.db, ent, world.assessments["a_draft"]).previous_id is None
    # a bureau sees only submitted rounds: the drafts are not counted
    assert svc.round_info(world.db, world.actor("bur_sc"), world.assessments["a_sub"]).count == 1


def test_consultant_organisation__on_the_pdf__and_only_for_oneself(world: World, tmp_path: Path) -> None:
    cons = world.actor("cons_a")
    svc.set_consultant_organisation(world.db, cons, "cons_a", "四川某某智造咨询有限公司")
    assert svc.consultant_organisation(world.db, cons) == "四川某某智造咨询有限公司"
    with pytest.raises(svc.NotFound):
        svc.set_consultant_organisation(world.db, cons, "ent_a", "x")
    with pytest.raises(svc.PermissionDenied):
        svc.set_consultant_organisation(world.db, world.actor("admin"), "ent_a", "x")
    code = _code(world, "A")
    svc.import_assessment(world.db, cons, questionnaire="sme_digital", credit_code=code, answers=_answers("sme_digital_level1.yaml"))
    later = svc.import_assessment(
        world.db, cons, questionnaire="sme_digital", credit_code=code, answers=_answers("sme_digital_level2.yaml")
    )
    pdf = svc.pdf_report(world.db, cons, later.assessment_id, assessor="张工")
    (tmp_path / "r.pdf").write_bytes(pdf)
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages)
    assert "四川某某智造咨询有限公司" in text and "张工" in text and "未填写" not in text.split("评估问卷")[0]
    assert "与上一轮比较" in text and "一级" in text


def test_consultant_organisation__other_roles_have_none(world: World) -> None:
    assert svc.consultant_organisation(world.db, world.actor("ent_a")) == ""
    assert isinstance(world.actor("ent_a"), Actor)
