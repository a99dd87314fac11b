"""No lost writes: 50 threads saving drafts at once, and a process killed (SIGKILL) between
answer saves loses at most the answer it was saving."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from assessment import load_questionnaire
from assessment import services as svc
from assessment.services import Actor
from assessment.storage import Database
from assessment.storage.audit_verify import verify
from assessment.storage.tables import AuditEntry

from ..conftest import most_mature
from .world import credit_code

ROOT = Path(__file__).resolve().parents[2]
Q = "smart_factory"
THREADS = 50


def _answers() -> list[tuple[str, Any]]:
    """(question, valid answer) pairs that differ from 'unanswered'."""
    q = load_questionnaire(Q)
    mature = most_mature(q)
    return [(x.id, mature[x.id]) for x in q.questions if x.id in mature]


def _setup(db: Database, n_assessments: int) -> tuple[Actor, list[int]]:
    op = Actor.system("tests")
    org = svc.create_organisation(
        db,
        op,
        name="并发测试有限公司",
        credit_code=credit_code(7),
        region_code="510104",
        industry_code="39",
        size_class="large",
        production_type="discrete",
    )
    svc.create_user(db, op, username="writer", password="a sound passphrase", role="enterprise", organisation_id=org.id)
    actor = svc.authenticate(db, "writer", "a sound passphrase")
    return actor, [svc.start_assessment(db, actor, org.id, Q).summary.id for _ in range(n_assessments)]


def _run_threads(work: list[list[tuple[int, str, Any]]], db: Database, actor: Actor) -> list[BaseException]:
    barrier = threading.Barrier(len(work))
    errors: list[BaseException] = []

    def run(items: list[tuple[int, str, Any]]) -> None:
        try:
            barrier.wait()
            for aid, qid, value in items:
                svc.save_answer(db, actor, aid, qid, value)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(items,)) for items in work]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


def _audit_saves(db: Database, aid: int) -> int:
    with db.read() as s:
        stmt = select(func.count()).select_from(AuditEntry).where(AuditEntry.assessment_id == aid, AuditEntry.action == "answer.save")
        return int(s.scalar(stmt) or 0)


def test_concurrency__50_threads_one_assessment__lose_no_write(db: Database) -> None:
    actor, (aid,) = _setup(db, 1)
    pairs = _answers()[: THREADS * 2]
    work = [[(aid, qid, value) for qid, value in pairs[i::THREADS]] for i in range(THREADS)]
    assert _run_threads(work, db, actor) == []
    view = svc.get_assessment(db, actor, aid)
    assert view.answers == dict(pairs)
    assert view.version == len(pairs) == _audit_saves(db, aid)
    assert verify(db.engine, db.audit.key).breaks == []  # 50 writers on one chain: each row chained once


def test_concurrency__50_threads_different_assessments__lose_no_write(db: Database) -> None:
    actor, ids = _setup(db, 10)
    pairs = _answers()[:25]
    # 5 threads per assessment, 5 distinct questions each
    work = [[(ids[i % 10], qid, value) for qid, value in pairs[(i // 10) * 5 : (i // 10) * 5 + 5]] for i in range(THREADS)]
    assert _run_threads(work, db, actor) == []
    for aid in ids:
        view = svc.get_assessment(db, actor, aid)
        assert view.answers == dict(pairs) and view.version == 25 == _audit_saves(db, aid)
    assert verify(db.engine, db.audit.key).breaks == []


CHILD = """
import sys
from assessment import services as svc
from assessment.storage import open_database
from assessment.services import Actor
url, user_id, org_id, aid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
pairs = __import__("json").loads(sys.stdin.read())
db = open_database(url)
actor = Actor(user_id, "writer", "enterprise", org_id)
for i, (qid, value) in enumerate(pairs, start=1):
    svc.save_answer(db, actor, aid, qid, value)
    print(i, flush=True)
"""


@pytest.mark.parametrize("kill_after", [3, 17])
def test_crash__sigkill_between_saves__loses_at_most_the_answer_in_flight(db: Database, db_url: str, kill_after: int) -> None:
    import json

    actor, (aid,) = _setup(db, 1)
    pairs = _answers()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, db_url, str(actor.user_id), str(actor.organisation_id), str(aid)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        text=True,
    )
    assert child.stdin and child.stdout
    child.stdin.write(json.dumps(pairs))
    child.stdin.close()
    acknowledged = 0
    while acknowledged < kill_after:
        line = child.stdout.readline()
        assert line, child.stderr.read() if child.stderr else "child ended"
        acknowledged = int(line)
    child.send_signal(signal.SIGKILL)  # most likely in the middle of a save
    assert child.wait(timeout=30) == -signal.SIGKILL, "the child finished before it was killed"
    for line in child.stdout.read().split():  # saves acknowledged while we were reading
        acknowledged = max(acknowledged, int(line))
    child.stdout.close()
    if child.stderr:
        child.stderr.close()

    view = svc.get_assessment(db, actor, aid)
    saved = len(view.answers)
    assert acknowledged <= saved <= acknowledged + 1, (acknowledged, saved)
    assert view.answers == dict(pairs[:saved])  # a prefix: nothing half-written, nothing skipped
    assert _audit_saves(db, aid) == view.version == saved  # answer and audit entry commit together
    assert verify(db.engine, db.audit.key).breaks == []  # and the chain head with them
    if db.dialect == "sqlite":
        with db.read() as s:
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
