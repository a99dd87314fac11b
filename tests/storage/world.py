"""A small populated system for the service tests, built through the services themselves.

Organisations (GB/T 2260 region):  A 510104 成都锦江 · B 510107 成都武侯 · M 510703 绵阳涪城 ·
Q 500103 重庆渝中. Users: ``ent_a`` ``ent_b`` ``ent_m`` ``ent_q`` (enterprise of each),
``cons_a`` (consultant linked to A), bureaus ``bur_jj`` 510104, ``bur_cd`` 510100,
``bur_sc`` 510000, ``bur_cq`` 500000, and ``admin``.
Assessments (sme_digital): ``a_draft`` ``a_sub`` ``b_draft`` ``b_sub`` ``m_sub`` ``q_sub`` —
each with one evidence file and one note, added while it was a draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assessment import load_questionnaire
from assessment import services as svc
from assessment.codes import check_character
from assessment.services import Actor
from assessment.storage import Database

QUESTIONNAIRE = "sme_digital"
PASSWORD = "correct horse battery"
PDF = b"%PDF-1.4\n% test evidence\n"
ORGS = {"A": "510104", "B": "510107", "M": "510703", "Q": "500103"}
BUREAUS = {"bur_jj": "510104", "bur_cd": "510100", "bur_sc": "510000", "bur_cq": "500000"}


def credit_code(n: int, region: str = "510100") -> str:
    body = f"91{region}{n:09d}"
    return body + check_character(body)


def first_answer() -> tuple[str, Any]:
    """A question of the test questionnaire and a valid answer to it."""
    q = load_questionnaire(QUESTIONNAIRE)
    for x in q.questions:
        if x.kind == "single":
            return x.id, x.options[-1].value
    raise AssertionError("no single-choice question")


@dataclass
class World:
    db: Database
    actors: dict[str, Actor] = field(default_factory=dict)
    orgs: dict[str, int] = field(default_factory=dict)
    assessments: dict[str, int] = field(default_factory=dict)
    evidence: dict[str, int] = field(default_factory=dict)
    qid: str = ""
    value: Any = None

    def actor(self, name: str) -> Actor:
        return self.actors[name]


def build_world(db: Database) -> World:
    w = World(db)
    w.qid, w.value = first_answer()
    op = Actor.system("tests")
    for i, (key, region) in enumerate(ORGS.items(), start=1):
        org = svc.create_organisation(
            db,
            op,
            name=f"测试企业{key}有限公司",
            credit_code=credit_code(i, region),
            region_code=region,
            industry_code="34",
            size_class="medium",
            production_type="discrete",
        )
        w.orgs[key] = org.id
        svc.create_user(db, op, username=f"ent_{key.lower()}", password=PASSWORD, role="enterprise", organisation_id=org.id)
    svc.create_user(db, op, username="cons_a", password=PASSWORD, role="consultant")
    svc.link_consultant(db, op, "cons_a", w.orgs["A"])
    for name, region in BUREAUS.items():
        svc.create_user(db, op, username=name, password=PASSWORD, role="bureau", jurisdiction=region)
    svc.create_user(db, op, username="admin", password=PASSWORD, role="admin")
    for u in svc.list_users(db, op):
        w.actors[u.username] = Actor(u.id, u.username, u.role, u.organisation_id, u.jurisdiction)  # type: ignore[arg-type]
    for name in ("a_draft", "a_sub", "b_draft", "b_sub", "m_sub", "q_sub"):
        owner = w.actors[f"ent_{name[0]}"]
        view = svc.start_assessment(db, owner, w.orgs[name[0].upper()], QUESTIONNAIRE)
        w.assessments[name] = view.summary.id
        svc.save_answer(db, owner, view.summary.id, w.qid, w.value)
        svc.add_note(db, owner, view.summary.id, w.qid, f"note on {name}")
        w.evidence[name] = svc.add_evidence(db, owner, view.summary.id, w.qid, f"{name}.pdf", PDF).id
        if name.endswith("_sub"):
            svc.submit(db, owner, view.summary.id)
    return w
