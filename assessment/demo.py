"""Demo data for a first look: the example enterprises, their assessments and three accounts.

Only loaded on request into an empty database, and only with the first-start token (like
the administrator form: whoever reaches a fresh server first must not take it over). The
accounts are an enterprise user, a consultant and a bureau — never an administrator — with
one random password, shown once. Administer a demo installation from the console
(``sfa user add NAME --role admin``).
"""

from __future__ import annotations

import secrets
from pathlib import Path

from . import catalog, services
from .io.answers_file import read_answers
from .services import Actor
from .services.setup import check_token, claim_installation, first_start_token
from .storage import Database

DEMO_USERS = ("demo-enterprise", "demo-consultant", "demo-bureau")


def load_demo(db: Database, *, token: str, directory: Path | None = None) -> tuple[list[str], str]:
    """Create organisations, accounts and assessments from questionnaires/examples.

    Returns the demo account names and their (random) password. Refused with a wrong
    first-start token, and when accounts exist (the installation is claimed atomically).
    """
    if services.has_users(db):
        raise services.InvalidState("已有账号，不能载入演示数据", "accounts exist already; demo data is only for an empty database")
    check_token(token, directory)
    with db.write() as s:
        claim_installation(s, db, "demo")
    password = secrets.token_urlsafe(12)
    system = Actor.system("demo")
    examples = sorted((catalog.questionnaires_dir() / "examples").glob("*.yaml"))
    orgs: dict[str, int] = {}
    files = [read_answers(p) for p in examples]
    for af in files:
        e = af.enterprise
        if e.credit_code in orgs:
            continue
        info = services.create_organisation(
            db,
            system,
            name=e.name,
            credit_code=e.credit_code,
            region_code=e.region,
            industry_code=e.industry,
            size_class=e.size,
            production_type=e.production_type,
        )
        orgs[e.credit_code] = info.id
    first_org = orgs[files[0].enterprise.credit_code]
    services.create_user(db, system, username="demo-enterprise", password=password, role="enterprise", organisation_id=first_org)
    services.create_user(db, system, username="demo-consultant", password=password, role="consultant")
    services.create_user(db, system, username="demo-bureau", password=password, role="bureau", jurisdiction="510000")
    for org_id in orgs.values():
        services.link_consultant(db, system, "demo-consultant", org_id)
    consultant = services.authenticate(db, "demo-consultant", password, client="demo")
    for n, af in enumerate(files):
        view = services.start_assessment(db, consultant, orgs[af.enterprise.credit_code], af.questionnaire)
        services.save_answers(db, consultant, view.summary.id, af.answers)
        if n % 3 != 2:  # leave every third one as a draft
            services.submit(db, consultant, view.summary.id)
    first_start_token(directory).unlink(missing_ok=True)
    return list(DEMO_USERS), password
