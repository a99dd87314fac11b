"""What makes the bureau's pages fast at 100,000 submissions must not change a figure: the
``blocking`` flag agrees with re-assessing the answers, every dashboard and coverage figure
agrees with a count made in Python from the plain rows, migration 0005 backfills the flag,
and the bulk loader writes the same data with worker processes as without — on both
databases."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select

from assessment import services as svc
from assessment.demo_bulk import load_bulk_demo
from assessment.engine import assess
from assessment.services import bureau, facts
from assessment.services.assessments import questionnaire_for
from assessment.services.organisations import OrgInfo
from assessment.services.register import REGISTER, coverage, undiagnosed
from assessment.storage import Database
from assessment.storage.audit_verify import verify
from assessment.storage.tables import Assessment, Organisation, Revision

from .population import PASSWORD, Population

Q = "smart_factory@2025.2"


def test_blocking_flag__agrees_with_reassessing_the_stored_answers(pop_ro: Population) -> None:
    pop = pop_ro
    with pop.db.read() as s:
        rows = s.execute(
            select(Assessment, Revision, Organisation)
            .join(Revision, (Revision.assessment_id == Assessment.id) & (Revision.number == Assessment.submitted_revision))
            .join(Organisation, Organisation.id == Assessment.organisation_id)
        ).all()
        flagged: dict[int, set[str]] = defaultdict(set)
        for r in s.execute(select(facts.CRITERIA).where(facts.CRITERIA.c.blocking)):
            flagged[r.assessment_id].add(r.criterion_id)
        next_missing = {int(a): m for a, m in s.execute(select(facts.FACTS.c.assessment_id, facts.FACTS.c.next_missing))}
    assert rows
    for a, rev, org in rows:
        res = assess(questionnaire_for(a.questionnaire_ref), dict(rev.answers), OrgInfo.of(org).profile())
        rank = facts.reached(res)[1]
        want = {c.id for r in res.rungs if r.rank == rank + 1 for c in r.criteria if c.kind == "capability" and not c.met}
        assert flagged.get(a.id, set()) == want
        assert len(want) == (next_missing[a.id] or 0)


def test_migration_0005__backfills_the_blocking_flag(pop: Population) -> None:
    from assessment.storage import migrate

    def criteria() -> list[tuple[Any, ...]]:
        with pop.db.read() as s:
            return sorted(tuple(r) for r in s.execute(select(facts.CRITERIA)))

    before = criteria()
    assert any(r[-1] for r in before) and not all(r[-1] for r in before)
    migrate.downgrade(pop.db.engine, "0003")
    migrate.upgrade(pop.db.engine)
    assert criteria() == before


def _bulk_bureau(db: Database) -> svc.Actor:
    load_bulk_demo(db, n=400, seed=7, variants=1)
    svc.create_user(db, svc.Actor.system("tests"), username="bur_bulk", password=PASSWORD, role="bureau", jurisdiction="510000")
    return svc.authenticate(db, "bur_bulk", PASSWORD)


def _bin(percent: float) -> int:
    return next((b for b in range(10) if percent < 10 * (b + 1)), 10)


def test_dashboard__every_figure__matches_a_count_of_the_plain_rows(db: Database) -> None:
    actor = _bulk_bureau(db)
    with db.read() as s:
        fact_rows = [r._asdict() for r in s.execute(select(facts.FACTS))]
        crit_rows = s.execute(select(facts.CRITERIA)).all()
        sec_rows = s.execute(select(facts.SECTIONS)).all()
    by_id = {f["assessment_id"]: f for f in fact_rows}
    for flt in (bureau.Filters(Q), bureau.Filters(Q, region="510100"), bureau.Filters(Q, industry="39", status="submitted")):
        bureau.clear_cache()
        d = bureau.dashboard(db, actor, flt)

        def shown(f: dict[str, Any], flt: bureau.Filters = flt) -> bool:
            return (
                f["questionnaire_ref"] == flt.questionnaire
                and f["region_code"].startswith("51")
                and (flt.region is None or f["region_code"].startswith(flt.region[:4]))
                and (flt.industry is None or f["industry_code"] == flt.industry)
                and (flt.status is None or f["status"] == flt.status)
            )

        current = [f for f in fact_rows if shown(f) and f["superseded_at"] is None]
        assert current, flt
        cut = bureau.quarter_start(bureau.current_period(db))
        earlier = [
            f for f in fact_rows if shown(f) and f["submitted_at"] < cut and (f["superseded_at"] is None or f["superseded_at"] >= cut)
        ]
        for head, rows in ((d.headline, current), (d.previous, earlier)):
            assert head.enterprises == len(rows)
            assert head.by_rank == dict(Counter(f["rung_rank"] for f in rows))
            assert head.eligible_by_rank == dict(Counter(f["eligible_rank"] for f in rows))
            assert head.scenarios == sum(f["scenarios"] or 0 for f in rows)
            assert head.scenarios_ai == sum(f["scenarios_ai"] or 0 for f in rows)
            if rows:
                assert head.mean_score is not None and abs(head.mean_score - sum(f["score"] for f in rows) / len(rows)) < 1e-9
        level = 4 if flt.region is None else 6
        keys = (lambda f, level=level: f["region_code"][:level].ljust(6, "0"), lambda f: f["industry_code"])
        for got, key in zip((d.by_area, d.by_industry), keys, strict=True):
            cells: dict[tuple[str, int], list[float]] = defaultdict(list)
            for f in current:
                cells[(key(f), f["rung_rank"])].append(f["score"])
            assert [(c, r, n) for c, r, n, _ in got] == [(c, r, len(v)) for (c, r), v in sorted(cells.items())]
            for (_c, _r, _n, mean), (_k, v) in zip(got, sorted(cells.items()), strict=True):
                assert abs(mean - sum(v) / len(v)) < 1e-9
        ids = {f["assessment_id"] for f in current}
        gaps = Counter(
            (c.criterion_id, c.rung_rank)
            for c in crit_rows
            if c.assessment_id in ids and c.rung_rank == by_id[c.assessment_id]["rung_rank"] + 1 and not c.met and not c.eligibility
        )
        assert d.blocking == sorted(((cid, r, n) for (cid, r), n in gaps.items()), key=lambda x: (-x[2], x[0]))[:15]
        bins = Counter((x.section_id, _bin(x.percent)) for x in sec_rows if x.assessment_id in ids)
        assert d.sections == sorted((sid, b, n) for (sid, b), n in bins.items())
        trend = Counter((f["period"], f["rung_rank"]) for f in fact_rows if shown(f) and f["period"] <= bureau.current_period(db))
        assert d.trend == sorted((p, r, n) for (p, r), n in trend.items())


def test_coverage__matches_a_count_of_the_register_and_the_submissions(db: Database) -> None:
    actor = _bulk_bureau(db)
    with db.read() as s:
        register = s.execute(select(REGISTER)).all()
        diagnosed = {
            code
            for code, region in s.execute(
                select(Organisation.credit_code, facts.FACTS.c.region_code).join(
                    facts.FACTS, facts.FACTS.c.organisation_id == Organisation.id
                )
            )
            if region.startswith("51")
        }
    for flt in (bureau.Filters(Q), bureau.Filters(Q, region="510100", industry="34")):
        bureau.clear_cache()
        cov = coverage(db, actor, flt)
        area = flt.region[:4] if flt.region else "51"
        mine = [r for r in register if r.region_code.startswith(area) and (flt.industry is None or r.industry_code == flt.industry)]
        assert (cov.registered, cov.diagnosed) == (len(mine), sum(r.credit_code in diagnosed for r in mine))
        level = 4 if flt.region is None else 6
        per_area: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in mine:
            cell = per_area[r.region_code[:level].ljust(6, "0")]
            cell[0] += 1
            cell[1] += r.credit_code in diagnosed
        assert cov.by_area == [(a, n, m) for a, (n, m) in sorted(per_area.items())]
        assert {u.credit_code for u in undiagnosed(db, actor, flt)} == {r.credit_code for r in mine if r.credit_code not in diagnosed}


def _dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    from assessment.storage.tables import ConsultantClient

    tables = [Organisation, Assessment, Revision, ConsultantClient]
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.read() as s:
        for t in tables:
            table: Any = t.__table__
            out[table.name] = sorted(tuple(r) for r in s.execute(select(table)))
        for table in (facts.FACTS, facts.CRITERIA, facts.SECTIONS, REGISTER):
            out[table.name] = sorted(tuple(r) for r in s.execute(select(table)))
    return out


def test_demo_data__worker_processes__write_the_same_rows_and_the_audit_chain_verifies(db: Database, tmp_path: Any) -> None:
    from datetime import UTC, datetime

    from assessment.storage import open_database

    fixed = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    db.clock = lambda: fixed
    one = load_bulk_demo(db, n=120, seed=4, variants=1, jobs=1)
    other = open_database(f"sqlite:///{tmp_path / 'jobs2.sqlite3'}", audit_key=db.audit.key)
    try:
        other.clock = lambda: fixed
        two = load_bulk_demo(other, n=120, seed=4, variants=1, jobs=2)
        assert (one.submissions, one.organisations, one.engine_calls) == (two.submissions, two.organisations, two.engine_calls)
        a, b = _dump(db), _dump(other)
        assert a.keys() == b.keys()
        for name in a:
            if name not in ("consultant_clients",):  # consultant ids are the same; compared below without timestamps
                assert a[name] == b[name], name
        assert [r[:2] for r in a["consultant_clients"]] == [r[:2] for r in b["consultant_clients"]]
        for database in (db, other):
            assert verify(database.engine, database.audit.key).intact
    finally:
        other.dispose()


def test_candidates__details_by_join_and_by_ids__agree_with_the_plain_rows(db: Database) -> None:
    from assessment.services.candidates import candidates
    from assessment.storage.tables import ConsultantClient, User

    actor = _bulk_bureau(db)
    everyone = candidates(db, actor, bureau.Filters(Q), max_missing=3)  # fewer than the limit: by join on PostgreSQL
    assert len(everyone) > 20 and any(c.consultants for c in everyone)
    bureau.clear_cache()
    first = candidates(db, actor, bureau.Filters(Q), max_missing=3, limit=20)  # the limit reached: details by id
    assert first == everyone[:20]
    with db.read() as s:
        blocking = defaultdict(list)
        for r in s.execute(select(facts.CRITERIA).where(facts.CRITERIA.c.met.is_(False), facts.CRITERIA.c.eligibility.is_(False))):
            blocking[r.assessment_id].append((r.rung_rank, r.criterion_id))
        ranks = dict(s.execute(select(facts.FACTS.c.assessment_id, facts.FACTS.c.rung_rank)).all())
        names = defaultdict(list)
        for oid, name in s.execute(
            select(ConsultantClient.organisation_id, User.display_name)
            .join(User, User.id == ConsultantClient.consultant_id)
            .order_by(User.username)
        ):
            names[oid].append(name)
    for c in everyone:
        assert c.missing == tuple(sorted(cid for rank, cid in blocking[c.assessment_id] if rank == ranks[c.assessment_id] + 1))
        assert c.consultants == tuple(names[c.organisation_id])
