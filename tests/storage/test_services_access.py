"""The access matrix: every role calling every service on someone else's data is refused.

Three tables, read top to bottom:

* ``FOREIGN`` — for each acting user, the assessments that are not theirs to see. Every
  service in ``SERVICES`` is called by that user on each of them, and must raise
  :class:`AccessRefused` (NotFound or PermissionDenied), return no data, and write nothing.
* ``SEEN_NOT_ALLOWED`` — data the user may see but must not change (a bureau editing a
  submission, an enterprise verifying its own): refused with PermissionDenied.
* ``ADMIN_ONLY`` — account services any non-admin is refused.

Admins manage accounts and the organisation registry, so ``update_org`` is theirs; every
assessment service is refused to them.

``ALLOWED`` is the other side: a few calls that must succeed, so the matrix is not vacuous.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from assessment import services as svc
from assessment.services import AccessRefused, NotFound, PermissionDenied
from assessment.storage import Database, open_database
from assessment.storage.tables import AuditEntry

from .conftest import BACKENDS, fresh_url
from .world import PASSWORD, PDF, World, build_world

Call = Callable[[Database, svc.Actor, World, str], Any]

SERVICES: dict[str, Call] = {
    "get_assessment": lambda db, a, w, t: svc.get_assessment(db, a, w.assessments[t]),
    "get_revision_1": lambda db, a, w, t: svc.get_assessment(db, a, w.assessments[t], revision=1),
    "result": lambda db, a, w, t: svc.result(db, a, w.assessments[t]),
    "list_revisions": lambda db, a, w, t: svc.list_revisions(db, a, w.assessments[t]),
    "history": lambda db, a, w, t: svc.assessment_history(db, a, w.assessments[t]),
    "list_notes": lambda db, a, w, t: svc.list_notes(db, a, w.assessments[t]),
    "list_evidence": lambda db, a, w, t: svc.list_evidence(db, a, w.assessments[t]),
    "get_evidence": lambda db, a, w, t: svc.get_evidence(db, a, w.evidence[t]),
    "report_input": lambda db, a, w, t: svc.report_input(db, a, w.assessments[t]),
    "pdf_report": lambda db, a, w, t: svc.pdf_report(db, a, w.assessments[t]),
    "save_answer": lambda db, a, w, t: svc.save_answer(db, a, w.assessments[t], w.qid, None),
    "save_answers": lambda db, a, w, t: svc.save_answers(db, a, w.assessments[t], {w.qid: None}),
    "submit": lambda db, a, w, t: svc.submit(db, a, w.assessments[t]),
    "return": lambda db, a, w, t: svc.return_assessment(db, a, w.assessments[t], "please correct"),
    "verify": lambda db, a, w, t: svc.verify_assessment(db, a, w.assessments[t]),
    "add_note": lambda db, a, w, t: svc.add_note(db, a, w.assessments[t], w.qid, "intruder"),
    "add_evidence": lambda db, a, w, t: svc.add_evidence(db, a, w.assessments[t], w.qid, "x.pdf", PDF),
    "remove_evidence": lambda db, a, w, t: svc.remove_evidence(db, a, w.evidence[t]),
    "start_assessment_for_org": lambda db, a, w, t: svc.start_assessment(db, a, w.orgs[t[0].upper()], "sme_digital"),
    "update_org": lambda db, a, w, t: svc.update_organisation(db, a, w.orgs[t[0].upper()], size_class="large"),
}
ORG_READ: dict[str, Call] = {
    "get_organisation": lambda db, a, w, t: svc.get_organisation(db, a, w.orgs[t[0].upper()]),
}

FOREIGN: dict[str, list[str]] = {
    "ent_a": ["b_draft", "b_sub", "m_sub", "q_sub"],
    "cons_a": ["b_draft", "b_sub", "m_sub", "q_sub"],
    "bur_jj": ["a_draft", "b_draft", "b_sub", "m_sub", "q_sub"],  # 锦江: B is 武侯
    "bur_cd": ["a_draft", "b_draft", "m_sub", "q_sub"],  # 成都: A and B submitted are in
    "bur_sc": ["a_draft", "b_draft", "q_sub"],  # 四川: only 重庆 is out
    "bur_cq": ["a_draft", "a_sub", "b_draft", "b_sub", "m_sub"],
    "admin": ["a_draft", "a_sub", "b_draft", "b_sub", "m_sub", "q_sub"],  # accounts, not assessments
}
ORG_FOREIGN: dict[str, list[str]] = {  # organisations (by an assessment of theirs) a user may not read
    "ent_a": ["b_sub", "m_sub", "q_sub"],
    "cons_a": ["b_sub", "m_sub", "q_sub"],
    "bur_jj": ["b_sub", "m_sub", "q_sub"],
    "bur_cd": ["m_sub", "q_sub"],
    "bur_sc": ["q_sub"],
    "bur_cq": ["a_sub", "b_sub", "m_sub"],
}
SEEN_NOT_ALLOWED: list[tuple[str, str, str]] = [
    *[
        (b, s, "a_sub")
        for b in ("bur_jj", "bur_cd", "bur_sc")
        for s in (
            "save_answer",
            "save_answers",
            "submit",
            "add_note",
            "add_evidence",
            "remove_evidence",
            "start_assessment_for_org",
            "update_org",
        )
    ],
    *[(u, s, t) for u in ("ent_a", "cons_a") for s in ("return", "verify") for t in ("a_sub",)],
]
ADMIN_ONLY: dict[str, Call] = {
    "create_user": lambda db, a, w, t: svc.create_user(db, a, username="mallory", password=PASSWORD, role="admin"),
    "list_users": lambda db, a, w, t: svc.list_users(db, a),
    "disable_user": lambda db, a, w, t: svc.disable_user(db, a, "admin"),
    "set_password": lambda db, a, w, t: svc.set_password(db, a, "admin", "another password 123"),
    "link_consultant": lambda db, a, w, t: svc.link_consultant(db, a, "cons_a", w.orgs["B"]),
    "account_log": lambda db, a, w, t: svc.account_log(db, a),
}
ALLOWED: list[tuple[str, str, str]] = [
    ("ent_a", "get_assessment", "a_draft"),
    ("cons_a", "list_evidence", "a_draft"),
    ("cons_a", "get_evidence", "a_sub"),
    ("bur_jj", "get_assessment", "a_sub"),
    ("bur_cd", "result", "b_sub"),
    ("bur_sc", "get_evidence", "m_sub"),
    ("bur_cq", "list_notes", "q_sub"),
    ("bur_cq", "history", "q_sub"),
]

ADMIN_DOMAIN = {"update_org"}  # organisations are registry data an admin maintains
CASES = [(u, s, t) for u, targets in FOREIGN.items() for s in SERVICES for t in targets if not (u == "admin" and s in ADMIN_DOMAIN)]
CASES += [(u, s, t) for u, targets in ORG_FOREIGN.items() for s in ORG_READ for t in targets]
ALL_SERVICES = {**SERVICES, **ORG_READ}


@pytest.fixture(scope="module", params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, _templates: dict[str, str]) -> Iterator[World]:
    tmp: Path = tmp_path_factory.mktemp("world")
    url, dbname = fresh_url(request.param, tmp, request, _templates)
    db = open_database(url)
    yield build_world(db)
    db.dispose()
    if dbname:
        request.getfixturevalue("postgres").drop(dbname)


def _audit_count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def _refused(world: World, user: str, call: Call, target: str, expected: type[AccessRefused] = AccessRefused) -> None:
    before = _audit_count(world.db)
    with pytest.raises(expected) as info:
        call(world.db, world.actor(user), world, target)
    assert _audit_count(world.db) == before, "a refused call wrote to the database"
    message = str(info.value)
    for other in ("测试企业B", "测试企业M", "测试企业Q"):
        if other[-1].lower() != user[-1] or user.startswith(("bur", "admin")):
            assert other not in message, f"the refusal names {other}"


@pytest.mark.parametrize(("user", "service", "target"), CASES, ids=[f"{u}-{s}-{t}" for u, s, t in CASES])
def test_access__someone_elses_data__is_refused(world: World, user: str, service: str, target: str) -> None:
    _refused(world, user, ALL_SERVICES[service], target)


@pytest.mark.parametrize(("user", "service", "target"), SEEN_NOT_ALLOWED, ids=[f"{u}-{s}-{t}" for u, s, t in SEEN_NOT_ALLOWED])
def test_access__visible_but_not_theirs_to_change__permission_denied(world: World, user: str, service: str, target: str) -> None:
    _refused(world, user, SERVICES[service], target, PermissionDenied)


ADMIN_CASES = [(u, s) for u in ("ent_a", "cons_a", "bur_sc") for s in ADMIN_ONLY]


@pytest.mark.parametrize(("user", "service"), ADMIN_CASES, ids=[f"{u}-{s}" for u, s in ADMIN_CASES])
def test_access__account_services__admins_only(world: World, user: str, service: str) -> None:
    _refused(world, user, ADMIN_ONLY[service], "", PermissionDenied)


@pytest.mark.parametrize(("user", "service", "target"), ALLOWED, ids=[f"{u}-{s}-{t}" for u, s, t in ALLOWED])
def test_access__own_or_jurisdiction_data__is_served(world: World, user: str, service: str, target: str) -> None:
    assert SERVICES[service](world.db, world.actor(user), world, target) is not None


def test_access__not_found_is_the_same_for_foreign_and_missing(world: World) -> None:
    with pytest.raises(NotFound) as foreign:
        svc.get_assessment(world.db, world.actor("ent_a"), world.assessments["b_draft"])
    with pytest.raises(NotFound) as missing:
        svc.get_assessment(world.db, world.actor("ent_a"), 999_999)
    assert str(foreign.value).replace(str(world.assessments["b_draft"]), "N") == str(missing.value).replace("999999", "N")


LISTERS = ["ent_a", "cons_a", "bur_jj", "bur_cd", "bur_sc", "bur_cq", "admin"]


@pytest.mark.parametrize("user", LISTERS)
def test_access__lists__contain_nothing_foreign(world: World, user: str) -> None:
    actor = world.actor(user)
    foreign = {world.assessments[t] for t in FOREIGN[user]}
    listed = {x.id for x in svc.list_assessments(world.db, actor, limit=1000).items}
    assert not listed & foreign
    assert listed == set(world.assessments.values()) - foreign
    orgs = {o.id for o in svc.list_organisations(world.db, actor)}
    assert not orgs & {world.orgs[t[0].upper()] for t in ORG_FOREIGN.get(user, [])}


@pytest.mark.parametrize("user", ["ent_a", "cons_a"])
def test_access__export__refused_to_enterprises_and_consultants(world: World, user: str) -> None:
    with pytest.raises(PermissionDenied):
        list(svc.iter_submissions(world.db, world.actor(user)))


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("bur_jj", {"a_sub"}),
        ("bur_cd", {"a_sub", "b_sub"}),
        ("bur_sc", {"a_sub", "b_sub", "m_sub"}),
        ("bur_cq", {"q_sub"}),
    ],
)
def test_access__export__only_submissions_in_jurisdiction(world: World, user: str, expected: set[str]) -> None:
    ids = {r["assessment_id"] for r in svc.iter_submissions(world.db, world.actor(user))}
    assert ids == {world.assessments[t] for t in expected}


@pytest.mark.parametrize("user", ["admin", "ent_a", "cons_a"])
def test_access__export__refused_to_everyone_but_bureaus(world: World, user: str) -> None:
    with pytest.raises(svc.PermissionDenied):
        list(svc.iter_submissions(world.db, world.actor(user)))


def test_access__disabled_account__refused_even_with_an_old_session(world: World) -> None:
    op = svc.Actor.system("tests")
    svc.create_user(world.db, op, username="leaver", password=PASSWORD, role="enterprise", organisation_id=world.orgs["A"])
    session = svc.authenticate(world.db, "leaver", PASSWORD)
    assert svc.get_assessment(world.db, session, world.assessments["a_draft"])
    svc.disable_user(world.db, op, "leaver")
    with pytest.raises(svc.NotAuthenticated):
        svc.get_assessment(world.db, session, world.assessments["a_draft"])
    with pytest.raises(svc.LoginFailed):
        svc.authenticate(world.db, "leaver", PASSWORD)


@pytest.mark.parametrize("user", ["ent_a", "cons_a", "admin"])
def test_access__dashboard_rows__bureaus_only(world: World, user: str) -> None:
    with pytest.raises(PermissionDenied):
        svc.submission_rows(world.db, world.actor(user))


@pytest.mark.parametrize(
    ("user", "expected"), [("bur_jj", {"a_sub"}), ("bur_cd", {"a_sub", "b_sub"}), ("bur_sc", {"a_sub", "b_sub", "m_sub"})]
)
def test_access__dashboard_rows__only_submissions_in_jurisdiction(world: World, user: str, expected: set[str]) -> None:
    rows = svc.submission_rows(world.db, world.actor(user))
    assert {r["id"] for r in rows} == {world.assessments[t] for t in expected}
    assert all(set(r) >= {"region_code", "industry_code", "size_class", "score", "rung", "summary"} for r in rows)
    assert "answers" not in rows[0] and "name" not in rows[0]
