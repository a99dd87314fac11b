"""Dashboard figures against the hand-counted population of :mod:`.population`, on both
databases; jurisdiction limits; the facts agree with re-assessing the stored answers."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from assessment import services as svc
from assessment.engine import assess
from assessment.services import bureau, facts
from assessment.services.assessments import questionnaire_for
from assessment.services.organisations import OrgInfo
from assessment.storage.tables import Assessment, Organisation, Revision

from .population import Population

Q = "smart_factory@2025.2"


def view(pop: Population, who: str, **kw: Any) -> bureau.Dashboard:
    return bureau.dashboard(pop.db, pop.actors[who], bureau.Filters(questionnaire=Q, **kw))


def test_dashboard__province__counts_each_enterprise_once_by_its_latest_round(pop_ro: Population) -> None:
    pop = pop_ro
    d = view(pop, "bur_sc")
    assert d.headline.enterprises == 5
    assert d.headline.by_rank == {0: 1, 2: 2, 3: 1, 4: 1}
    assert d.headline.at_least(2) == 4
    by_city: dict[str, int] = {}
    for code, _rank, n, _mean in d.by_area:
        by_city[code] = by_city.get(code, 0) + n
    assert by_city == {"510100": 3, "510700": 2}
    assert sum(n for _p, _r, n in d.trend) == 6  # every Sichuan round, jj1's first included


def test_dashboard__filters__narrow_to_city_district_and_industry(pop_ro: Population) -> None:
    pop = pop_ro
    assert view(pop, "bur_sc", region="510100").headline.by_rank == {0: 1, 2: 1, 3: 1}
    assert view(pop, "bur_sc", region="510104").headline.by_rank == {2: 1, 3: 1}
    assert view(pop, "bur_sc", industry="34").headline.by_rank == {0: 1, 2: 2}
    assert view(pop, "bur_sc", status="returned").headline.enterprises == 1
    assert view(pop, "bur_cd").headline.by_rank == view(pop, "bur_sc", region="510100").headline.by_rank


def test_dashboard__city_bureau__sees_only_its_own_region_codes(pop_ro: Population) -> None:
    pop = pop_ro
    d = view(pop, "bur_cd")
    assert d.headline.enterprises == 3
    assert {code for code, *_ in d.by_area} == {"510104", "510107"}
    with pytest.raises(svc.PermissionDenied):
        view(pop, "bur_cd", region="510703")
    with pytest.raises(svc.PermissionDenied):
        view(pop, "bur_jj", region="510100")
    assert view(pop, "bur_cq").headline.enterprises == 1


def test_dashboard__not_a_bureau__refused(pop_ro: Population) -> None:
    pop = pop_ro
    for who in ("ent_jj1", "cons"):
        with pytest.raises(svc.PermissionDenied):
            view(pop, who)


def test_dashboard__a_new_submission__changes_the_figures_at_once(pop: Population) -> None:
    before = view(pop, "bur_sc").headline.enterprises
    owner = pop.actors["ent_wh1"]
    started = svc.start_assessment(pop.db, owner, pop.orgs["wh1"], "sme_digital")
    svc.submit(pop.db, owner, started.summary.id)
    assert [r for r, _ in bureau.questionnaires(pop.db, pop.actors["bur_sc"])] == [Q, "sme_digital@2024.1"]
    assert view(pop, "bur_sc").headline.enterprises == before  # another questionnaire version: not mixed in
    sme = bureau.dashboard(pop.db, pop.actors["bur_sc"], bureau.Filters(questionnaire="sme_digital@2024.1"))
    assert sme.headline.by_rank == {0: 1}
    svc.return_assessment(pop.db, pop.actors["bur_sc"], pop.rounds[2], "补充材料")
    assert view(pop, "bur_sc", status="returned").headline.enterprises == 2


def test_dashboard__blocking_criteria__are_unmet_criteria_of_the_next_rung(pop_ro: Population) -> None:
    pop = pop_ro
    d = view(pop, "bur_sc")
    assert d.blocking
    for cid, rank, n in d.blocking:
        assert 1 <= rank <= 4 and n >= 1
        assert not cid.split(".")[0].endswith("eligibility")


def test_facts__agree_with_reassessing_the_stored_answers(pop_ro: Population) -> None:
    pop = pop_ro
    with pop.db.read() as s:
        rows = s.execute(
            select(Assessment, Revision, Organisation)
            .join(Revision, (Revision.assessment_id == Assessment.id) & (Revision.number == Assessment.submitted_revision))
            .join(Organisation, Organisation.id == Assessment.organisation_id)
        ).all()
        stored = {r.assessment_id: dict(r._mapping) for r in s.execute(select(facts.FACTS))}
        crit = {(r.assessment_id, r.criterion_id): r.met for r in s.execute(select(facts.CRITERIA))}
    assert len(rows) == len(stored) == 7
    for a, rev, org in rows:
        res = assess(questionnaire_for(a.questionnaire_ref), dict(rev.answers), OrgInfo.of(org).profile())
        want = facts.fact_values(res, assessment_id=a.id, organisation_id=a.organisation_id, revision=rev.number, profile=rev.profile)
        got = stored[a.id]
        assert {k: got[k] for k in want} == want
        assert got["status"] == a.status
        for r in res.rungs:
            for c in r.criteria:
                assert crit[(a.id, c.id)] is c.met


def test_migration_0003__backfills_the_facts_of_existing_submissions(pop: Population) -> None:
    from assessment.storage import migrate

    def snapshot() -> tuple[list[Any], int]:
        with pop.db.read() as s:
            rows = sorted(tuple(r) for r in s.execute(select(facts.FACTS)))
            return rows, len(s.execute(select(facts.CRITERIA)).all())

    before = snapshot()
    migrate.downgrade(pop.db.engine, "0008")
    migrate.upgrade(pop.db.engine)
    assert snapshot() == before
    assert before[1] > 0
