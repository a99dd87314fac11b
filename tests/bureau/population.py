"""A small population with results known from the shipped examples, built through the services.

Smart-factory rounds (example file → capability tier rank): none 0, basic 1, advanced 2,
excellent 3, leading 4. Placed so that every figure can be counted by hand:

==========  ========  ========  ===================================================
key         region    industry  submissions (smart_factory@2025.2, in order)
==========  ========  ========  ===================================================
jj1         510104    34        basic, then a second round: advanced
jj2         510104    38        excellent
wh1         510107    34        none
my1         510703    26        leading
my2         510703    34        advanced (returned by the province afterwards)
cq1         500103    34        advanced   (Chongqing: outside every Sichuan view)
==========  ========  ========  ===================================================

Current state for the Sichuan bureau (jj1's first round is superseded by its second):
jj1 2, jj2 3, wh1 0, my1 4, my2 2 → by rank {0: 1, 2: 2, 3: 1, 4: 1}, 5 enterprises.
Chengdu (510100): jj1 2, jj2 3, wh1 0. 锦江区 (510104): jj1 2, jj2 3.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assessment import services as svc
from assessment.catalog import questionnaires_dir
from assessment.codes import check_character
from assessment.io.answers_file import read_answers
from assessment.services import Actor
from assessment.storage import Database

PASSWORD = "correct horse battery"
ORGS = {
    "jj1": ("510104", "34"),
    "jj2": ("510104", "38"),
    "wh1": ("510107", "34"),
    "my1": ("510703", "26"),
    "my2": ("510703", "34"),
    "cq1": ("500103", "34"),
}
ROUNDS = [
    ("jj1", "basic"),
    ("jj2", "excellent"),
    ("wh1", "none"),
    ("my1", "leading"),
    ("my2", "advanced"),
    ("cq1", "advanced"),
    ("jj1", "advanced"),
]
BUREAUS = {"bur_sc": "510000", "bur_cd": "510100", "bur_jj": "510104", "bur_cq": "500000"}


def credit_code(n: int, region: str) -> str:
    body = f"91{region}{n:09d}"
    return body + check_character(body)


@dataclass
class Population:
    db: Database
    actors: dict[str, Actor] = field(default_factory=dict)
    orgs: dict[str, int] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    rounds: list[int] = field(default_factory=list)


def build(db: Database) -> Population:
    pop = Population(db)
    op = Actor.system("tests")
    for n, (key, (region, industry)) in enumerate(ORGS.items(), start=1):
        code = credit_code(n, region)
        org = svc.create_organisation(
            db,
            op,
            name=f"企业{key}",
            credit_code=code,
            region_code=region,
            industry_code=industry,
            size_class="medium",
            production_type="discrete",
        )
        pop.orgs[key], pop.codes[key] = org.id, code
        svc.create_user(db, op, username=f"ent_{key}", password=PASSWORD, role="enterprise", organisation_id=org.id)
    for name, region in BUREAUS.items():
        svc.create_user(db, op, username=name, password=PASSWORD, role="bureau", jurisdiction=region)
    svc.create_user(db, op, username="cons", password=PASSWORD, role="consultant")
    svc.link_consultant(db, op, "cons", pop.orgs["my2"])
    for u in svc.list_users(db, op):
        pop.actors[u.username] = Actor(u.id, u.username, u.role, u.organisation_id, u.jurisdiction)  # type: ignore[arg-type]
    examples = questionnaires_dir() / "examples"
    for key, tier in ROUNDS:
        af = read_answers(examples / f"smart_factory_{tier}.yaml")
        owner = pop.actors[f"ent_{key}"]
        view = svc.start_assessment(db, owner, pop.orgs[key], af.questionnaire)
        svc.save_answers(db, owner, view.summary.id, af.answers)
        svc.submit(db, owner, view.summary.id)
        pop.rounds.append(view.summary.id)
    svc.return_assessment(db, pop.actors["bur_sc"], pop.rounds[4], "请补充生产管理佐证")
    return pop
