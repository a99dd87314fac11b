"""Return with a reason the enterprise sees, what changed in the resubmission, and the peer
benchmark's suppression of small cells — on both databases."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from assessment import services as svc
from assessment.demo_bulk import load_bulk_demo
from assessment.services.facts import FACTS
from assessment.services.peers import MIN_CELL, peer_benchmark
from assessment.services.review import changes_since_return
from assessment.storage import Database

from .population import PASSWORD, Population


def test_return__reason_reaches_the_enterprise_and_resubmission_shows_changes(pop: Population) -> None:
    aid = pop.rounds[1]  # jj2, excellent
    bureau, owner = pop.actors["bur_cd"], pop.actors["ent_jj2"]
    with pytest.raises(svc.InvalidInput):
        svc.return_assessment(pop.db, bureau, aid, "   ")
    svc.return_assessment(pop.db, bureau, aid, "请补充<b>数字孪生</b>佐证")
    seen = svc.get_assessment(pop.db, owner, aid)
    assert seen.summary.status == "returned" and seen.return_reason == "请补充<b>数字孪生</b>佐证"
    qid = next(k for k, v in seen.answers.items() if v is True)
    svc.save_answer(pop.db, owner, aid, qid, False)
    svc.submit(pop.db, owner, aid)
    changes = changes_since_return(pop.db, bureau, aid)
    assert changes is not None and [c.question_id for c in changes] == [qid]
    assert (changes[0].before.zh, changes[0].after.zh) == ("是", "否")
    assert changes_since_return(pop.db, bureau, pop.rounds[0]) is None
    with pop.db.read() as s:
        assert s.scalar(select(FACTS.c.status).where(FACTS.c.assessment_id == aid)) == "resubmitted"


def test_peers__small_cells__suppressed_under_every_group_and_pair(db: Database) -> None:
    load_bulk_demo(db, n=300, seed=11, variants=1)
    op = svc.Actor.system("tests")
    with db.read() as s:
        picks = s.execute(
            select(FACTS.c.assessment_id, FACTS.c.organisation_id).where(FACTS.c.superseded_at.is_(None)).order_by(FACTS.c.assessment_id)
        ).all()
    shown_any = suppressed_any = False
    for aid, org in picks[::5][:25]:
        name = f"ent_{org}"
        svc.create_user(db, op, username=name, password=PASSWORD, role="enterprise", organisation_id=org)
        pb = peer_benchmark(db, svc.authenticate(db, name, PASSWORD), aid)
        by = {g.kind: g for g in pb.groups}
        for g in pb.groups:
            if g.n is None:
                suppressed_any = True
                assert g.median is None and g.cells == () and g.share_at_least is None
                continue
            shown_any = True
            assert g.n >= MIN_CELL
            assert all(v is None or v == 0 or v >= MIN_CELL for _, v in g.cells)
            assert sum(1 for _, v in g.cells if v is None) != 1  # a lone hidden cell could be subtracted out
        for inner, outer in itertools.product(["region_industry"], ["region", "province_industry"]):
            a, b = by[inner].n, by[outer].n
            if a is not None and b is not None:
                assert b - a == 0 or b - a >= MIN_CELL
    assert shown_any and suppressed_any
    with pytest.raises(svc.AccessRefused):
        peer_benchmark(db, op, picks[0][0])
