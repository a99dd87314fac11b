"""The assessment life cycle: drafts saved answer by answer, submission snapshots,
revisions on return, the status machine, listings and the audit trail."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from assessment import assess, load_questionnaire
from assessment import services as svc
from assessment.services import Actor, InvalidInput, InvalidState
from assessment.storage import Database

from ..conftest import least_mature, most_mature
from .world import PASSWORD, World, credit_code

Q = "sme_digital"


def _ent(w: World) -> Actor:
    return w.actor("ent_a")


def test_assessment__start__is_an_empty_draft_pinned_to_a_version(world: World) -> None:
    view = svc.start_assessment(world.db, _ent(world), world.orgs["A"], Q)
    assert view.summary.status == "draft" and view.revision == 1 and view.answers == {} and view.editable
    assert view.summary.questionnaire == load_questionnaire(Q).ref


def test_assessment__save_answer__is_stored_normalised_and_bumps_the_version(world: World) -> None:
    q = load_questionnaire(Q)
    multi = next(x for x in q.questions if x.kind == "multi")
    values = [o.value for o in multi.options if not o.exclusive][:2][::-1]
    aid = svc.start_assessment(world.db, _ent(world), world.orgs["A"], Q).summary.id
    v1 = svc.save_answer(world.db, _ent(world), aid, multi.id, values)
    stored = svc.get_assessment(world.db, _ent(world), aid)
    assert stored.answers[multi.id] == sorted(values, key=[o.value for o in multi.options].index)
    assert (v1.changed, v1.version, v1.answered) == (1, stored.version, 1)
    v2 = svc.save_answer(world.db, _ent(world), aid, multi.id, values)  # same again: no change
    assert (v2.changed, v2.version) == (0, v1.version)
    v3 = svc.save_answer(world.db, _ent(world), aid, multi.id, None)
    assert multi.id not in svc.get_assessment(world.db, _ent(world), aid).answers and v3.version == v1.version + 1


@pytest.mark.parametrize(
    ("question", "value", "words"),
    [
        ("no.such.question", "x", "no such question"),
        (None, "not-an-option", "not allowed"),
        (None, 3, "expected one option value"),
    ],
)
def test_assessment__invalid_answer__refused_by_the_engine_check(world: World, question: str | None, value: Any, words: str) -> None:
    aid = svc.start_assessment(world.db, _ent(world), world.orgs["A"], Q).summary.id
    with pytest.raises(InvalidInput) as info:
        svc.save_answer(world.db, _ent(world), aid, question or world.qid, value)
    assert words in str(info.value) and " / " in str(info.value)
    assert svc.get_assessment(world.db, _ent(world), aid).answers == {}


def test_assessment__submit__stores_the_engines_result_snapshot(world: World) -> None:
    q = load_questionnaire(Q)
    answers = most_mature(q)
    aid = svc.start_assessment(world.db, _ent(world), world.orgs["A"], Q).summary.id
    svc.save_answers(world.db, _ent(world), aid, answers)
    draft_result = svc.result(world.db, _ent(world), aid)
    view = svc.submit(world.db, _ent(world), aid)
    assert view.summary.status == "submitted" and view.submitted_at is not None and not view.editable
    stored = svc.result(world.db, _ent(world), aid)
    org = svc.get_organisation(world.db, _ent(world), world.orgs["A"])
    assert stored == assess(q, answers, org.profile()) == draft_result
    assert view.summary.score == stored.score and view.summary.rung == "level_4"


def test_assessment__submitted__is_never_edited_in_place(world: World) -> None:
    aid = world.assessments["a_sub"]
    with pytest.raises(InvalidState):
        svc.save_answer(world.db, _ent(world), aid, world.qid, None)
    with pytest.raises(InvalidState):
        svc.submit(world.db, _ent(world), aid)
    with pytest.raises(DBAPIError), world.db.write() as s:  # and the database itself refuses
        s.execute(text("UPDATE assessment_revisions SET answers = '{}' WHERE assessment_id = :a AND number = 1"), {"a": aid})


def test_assessment__return_then_resubmit__makes_a_new_revision(world: World) -> None:
    aid, ent, bureau = world.assessments["a_sub"], _ent(world), world.actor("bur_cd")
    with pytest.raises(InvalidInput):
        svc.return_assessment(world.db, bureau, aid, "  ")
    returned = svc.return_assessment(world.db, bureau, aid, "请补充设备联网证明")
    assert returned.summary.status == "returned" and returned.revision == 1  # the bureau still sees revision 1
    mine = svc.get_assessment(world.db, ent, aid)
    assert mine.revision == 2 and mine.editable and mine.return_reason == "请补充设备联网证明"
    assert mine.answers == svc.get_assessment(world.db, ent, aid, revision=1).answers
    svc.save_answer(world.db, ent, aid, world.qid, None)
    assert world.qid not in svc.get_assessment(world.db, ent, aid).answers
    assert world.qid in svc.get_assessment(world.db, bureau, aid).answers  # never the draft revision
    with pytest.raises(svc.NotFound):
        svc.get_assessment(world.db, bureau, aid, revision=2)
    again = svc.submit(world.db, ent, aid)
    assert again.summary.status == "resubmitted" and again.summary.submitted_revision == 2
    assert world.qid not in svc.get_assessment(world.db, bureau, aid).answers
    assert [r.number for r in svc.list_revisions(world.db, bureau, aid)] == [1, 2]
    assert svc.verify_assessment(world.db, bureau, aid).summary.status == "verified"
    with pytest.raises(InvalidState):
        svc.return_assessment(world.db, bureau, aid, "too late")


@pytest.mark.parametrize(
    ("status_path", "action"),
    [
        (["verify"], "verify"),
        (["verify"], "return"),
        ([], "submit_twice"),
    ],
)
def test_assessment__status_machine__refuses_transitions_it_does_not_list(world: World, status_path: list[str], action: str) -> None:
    aid, bureau = world.assessments["b_sub"], world.actor("bur_cd")
    for _ in status_path:
        svc.verify_assessment(world.db, bureau, aid)
    with pytest.raises(InvalidState):
        if action == "verify":
            svc.verify_assessment(world.db, bureau, aid)
        elif action == "return":
            svc.return_assessment(world.db, bureau, aid, "x")
        else:
            svc.submit(world.db, world.actor("ent_b"), aid)


def test_assessment__transitions_table__matches_the_issue() -> None:
    assert svc.TRANSITIONS == {
        ("draft", "submit"): "submitted",
        ("returned", "submit"): "resubmitted",
        ("submitted", "return"): "returned",
        ("resubmitted", "return"): "returned",
        ("submitted", "verify"): "verified",
        ("resubmitted", "verify"): "verified",
    }


def test_assessment__history__records_who_changed_what(world: World) -> None:
    aid = world.assessments["a_draft"]
    svc.save_answer(world.db, world.actor("cons_a"), aid, world.qid, None)
    entries = [e for e in svc.assessment_history(world.db, _ent(world), aid) if e.action == "answer.save"]
    assert [(e.actor, e.subject, e.detail["old"], e.detail["new"]) for e in entries] == [
        ("ent_a", world.qid, None, world.value),
        ("cons_a", world.qid, world.value, None),
    ]


def test_assessment__bureau_history__shows_status_changes_only(world: World) -> None:
    actions = {e.action for e in svc.assessment_history(world.db, world.actor("bur_cd"), world.assessments["a_sub"])}
    assert actions == {"assessment.submit"}


def test_assessment__list__filters_and_counts(world: World) -> None:
    bureau = world.actor("bur_sc")
    page = svc.list_assessments(world.db, bureau, region="510100")
    assert {x.id for x in page.items} == {world.assessments["a_sub"], world.assessments["b_sub"]} and page.total == 2
    assert svc.list_assessments(world.db, bureau, region="500000").total == 0  # outside: nothing
    assert svc.list_assessments(world.db, bureau, limit=1).total == 3
    assert len(svc.list_assessments(world.db, bureau, limit=1).items) == 1
    assert svc.list_assessments(world.db, _ent(world), status="draft").total == 1


def test_assessment__report_input__has_everything_a_report_renders(world: World) -> None:
    ri = svc.report_input(world.db, world.actor("bur_cd"), world.assessments["a_sub"])
    assert ri.organisation.name == "测试企业A有限公司" and ri.result.questionnaire.startswith("sme_digital@")
    assert [n.text for n in ri.notes] == ["note on a_sub"] and [e.filename for e in ri.evidence] == ["a_sub.pdf"]
    pdf = svc.build_report(world.db, world.actor("bur_cd"), world.assessments["a_sub"], lambda r: r.organisation.name.encode())
    assert pdf == "测试企业A有限公司".encode()


def test_assessment__snapshot__keeps_the_profile_it_was_assessed_with(world: World) -> None:
    svc.update_organisation(world.db, world.actor("admin"), world.orgs["A"], size_class="large")
    record = next(r for r in svc.iter_submissions(world.db, world.actor("bur_jj")))
    assert record["organisation"]["size_class"] == "medium"  # as submitted
    assert record["answers"] == {world.qid: world.value}


def test_assessment__empty_draft_result__is_the_least_mature(world: World) -> None:
    aid = svc.start_assessment(world.db, _ent(world), world.orgs["A"], Q).summary.id
    q = load_questionnaire(Q)
    res = svc.result(world.db, _ent(world), aid)
    assert res.score == assess(q, least_mature(q)).score == 0


def test_assessment__consultant_client__created_by_the_consultant_is_linked(world: World) -> None:
    cons = world.actor("cons_a")
    org = svc.create_organisation(
        world.db,
        cons,
        name="新客户有限公司",
        credit_code=credit_code(99),
        region_code="510116",
        industry_code="3411",
        size_class="small",
        production_type="mixed",
    )
    assert svc.start_assessment(world.db, cons, org.id, Q).summary.organisation_id == org.id
    assert PASSWORD  # (the world's accounts all share one password)


@pytest.mark.slow
def test_assessment__pdf_report__rendered_for_the_bureau_from_the_snapshot(world: World) -> None:
    pdf = svc.pdf_report(world.db, world.actor("bur_cd"), world.assessments["a_sub"], lang="en")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000


def test_accounts__has_users__false_only_before_the_first_account(db: Database) -> None:
    assert not svc.has_users(db)
    svc.create_user(db, Actor.system("t"), username="first_admin", password=PASSWORD, role="admin")
    assert svc.has_users(db)
