"""Load benchmark: 200 simulated users through two app processes on one PostgreSQL.

Each simulated user does what a factory manager does in the web app, through the same
service calls the pages make: sign in (argon2 with the production parameters), open a new
assessment, give 50 answers one at a time (each an autosave, with the draft version the page
last saw), and submit. The users are threads split over two OS processes, each process with
its own connection pool, as two ``sfa serve`` processes behind nginx would be. Users arrive
over a ramp-up and pause between answers (think time), like people.

    .venv/bin/python benchmarks/bench_load.py                      # 200 users, 2 processes
    .venv/bin/python benchmarks/bench_load.py --users 50 --think 0.5

Loopback only; bounded: every user stops at ``--max-seconds`` whatever happens (counted as
an error). PostgreSQL: ``SFA_TEST_POSTGRES_URL`` (its role needs CREATEDB; the benchmark
works in a database of its own and drops it), else a durable throw-away cluster started with
.ci/postgres.sh (fsync on). Prints p50/p95/max per operation, errors, and lost answers
(answers a user saved that the submitted revision does not hold). For scale it also prints
the floor measured in the same run: one save with nothing else running, and the ratio of the
loaded p95 to it. DESIGN §6 target: 0 lost, autosave p95 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

Q = "smart_factory"
PW = "load benchmark passphrase 7"
ANSWERS = 50
OPS = ("sign_in", "start", "save", "submit")


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] * 1000


def plan(seed: int) -> list[tuple[str, Any]]:
    """50 (question id, value) pairs: distinct questions, valid values."""
    from assessment import load_questionnaire

    q = load_questionnaire(Q)
    rnd = random.Random(seed)
    pairs: list[tuple[str, Any]] = []
    for x in rnd.sample([x for x in q.questions if x.kind in ("single", "yesno", "multi")], ANSWERS):
        if x.kind == "single":
            pairs.append((x.id, rnd.choice(x.options).value))
        elif x.kind == "multi":
            pairs.append((x.id, [o.value for o in x.options if not o.exclusive and rnd.random() < 0.5]))
        else:
            pairs.append((x.id, rnd.random() < 0.6))
    return pairs


def user(db: Any, name: str, org_id: int, t0: float, args: argparse.Namespace, out: dict[str, Any]) -> None:
    """One simulated user; fills ``out`` with latencies, errors and what it saved."""
    from assessment import services as svc

    rnd = random.Random(name)
    lat: dict[str, list[float]] = {op: [] for op in OPS}
    errors: list[str] = []
    saved: dict[str, Any] = {}
    aid = None
    deadline = t0 + args.max_seconds
    time.sleep(max(0.0, t0 + rnd.uniform(0, args.ramp) - time.monotonic()))

    started: dict[str, list[float]] = {op: [] for op in OPS}  # time.monotonic() is one clock for all processes

    def timed(op: str, fn: Any, *a: Any, **k: Any) -> Any:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{op}: past --max-seconds")
        started[op].append(time.monotonic())
        t = time.perf_counter()
        r = fn(*a, **k)
        lat[op].append(time.perf_counter() - t)
        return r

    try:
        actor = timed("sign_in", svc.authenticate, db, name, PW, client=f"ip:127.0.{rnd.randrange(256)}.{rnd.randrange(1, 255)}")
        aid = timed("start", svc.start_assessment, db, actor, org_id, Q).summary.id
        version = 0
        for qid, value in plan(rnd.randrange(10**6)):
            time.sleep(rnd.uniform(0.5, 1.5) * args.think)
            try:
                version = timed("save", svc.save_answer, db, actor, aid, qid, value, seen_version=version).version
                saved[qid] = value
            except svc.ServiceError as exc:
                errors.append(f"save {qid}: {exc}")
        timed("submit", svc.submit, db, actor, aid)
    except Exception as exc:  # every failure is reported, none stops the run
        errors.append(f"{type(exc).__name__}: {exc}")
    out.update(lat=lat, started=started, errors=errors, saved=saved, aid=aid)


def process_main(url: str, users: list[tuple[str, int]], args: argparse.Namespace, start_at: float, queue: Any) -> None:
    """One app process: its own pool, one thread per simulated user."""
    from assessment.catalog import load_questionnaire
    from assessment.services.assessments import questionnaire_for
    from assessment.storage import open_database

    questionnaire_for(load_questionnaire(Q).ref)  # a started process has its questionnaires loaded
    db = open_database(url)
    results: list[dict[str, Any]] = [{} for _ in users]
    threads = [threading.Thread(target=user, args=(db, n, o, start_at, args, results[i]), daemon=True) for i, (n, o) in enumerate(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(1.0, start_at + args.max_seconds + 30 - time.monotonic()))
    for i, t in enumerate(threads):
        if t.is_alive():
            results[i] = {"errors": ["thread still running at the deadline"], "lat": {}, "saved": {}, "aid": None}
    db.dispose()
    queue.put([(users[i][0], r) for i, r in enumerate(results)])


def setup(url: str, n: int) -> list[tuple[str, int]]:
    """Organisations and enterprise accounts; sign-in then checks a production-strength hash."""
    from concurrent.futures import ThreadPoolExecutor

    from argon2 import PasswordHasher
    from bench_storage import code_for
    from sqlalchemy import update

    from assessment import services as svc
    from assessment.storage import open_database
    from assessment.storage.tables import User

    db = open_database(url)
    op = svc.Actor.system("bench-load")
    svc.security.set_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))  # cheap while creating accounts

    def make(i: int) -> tuple[str, int]:
        org = svc.create_organisation(
            db, op, name=f"负载测试企业{i:03d}", credit_code=code_for(800_000 + i, "510104"), region_code="510104",
            industry_code="34", size_class="medium", production_type="discrete",
        )  # fmt: skip
        svc.create_user(db, op, username=f"load{i:03d}", password=PW, role="enterprise", organisation_id=org.id)
        return f"load{i:03d}", org.id

    with ThreadPoolExecutor(4) as pool:
        made = list(pool.map(make, range(n)))
    svc.security.set_hasher(PasswordHasher())  # then every account gets a production-strength hash of the password
    with db.write() as s:
        s.execute(update(User).values(password_hash=svc.security.hash_password(PW)))
    db.dispose()
    return made


def floor(url: str, made: tuple[str, int]) -> float:
    """Median of 20 saves by one user with nothing else running (seconds)."""
    from assessment import services as svc
    from assessment.storage import open_database

    db = open_database(url)
    actor = svc.authenticate(db, made[0], PW)
    aid = svc.start_assessment(db, actor, made[1], Q).summary.id
    times = []
    version = 0
    for qid, value in plan(1)[:20]:
        t = time.perf_counter()
        version = svc.save_answer(db, actor, aid, qid, value, seen_version=version).version
        times.append(time.perf_counter() - t)
    db.dispose()
    return sorted(times)[len(times) // 2]


def lost_answers(url: str, results: list[tuple[str, dict[str, Any]]]) -> tuple[int, int]:
    """(saved answers the submitted revision does not hold, users not submitted), read from the tables."""
    from sqlalchemy import select

    from assessment.storage import open_database
    from assessment.storage.tables import Assessment, Revision

    db = open_database(url)
    lost = unsubmitted = 0
    with db.read() as s:
        for _, r in results:
            row = s.execute(
                select(Revision.answers).join(Assessment, Assessment.id == Revision.assessment_id)
                .where(Assessment.id == r.get("aid"), Revision.number == Assessment.submitted_revision)
            ).one_or_none()  # fmt: skip
            if row is None:
                unsubmitted += 1
                lost += len(r.get("saved", {}))
                continue
            lost += sum(1 for k, v in r["saved"].items() if row.answers.get(k) != v)
    db.dispose()
    return lost, unsubmitted


def timeline(results: list[tuple[str, dict[str, Any]]], op: str) -> list[tuple[float, float]]:
    """(start on the shared monotonic clock, latency) of every completed ``op``."""
    out = []
    for _, r in results:
        done = r.get("lat", {}).get(op, [])
        out += list(zip(r.get("started", {}).get(op, [])[: len(done)], done, strict=True))
    return out


def run(url: str, args: argparse.Namespace) -> None:
    from sqlalchemy import text

    from assessment.storage import open_database

    db = open_database(url)  # creates the schema
    with db.read() as s:
        fsync = s.scalar(text("SHOW fsync"))
    db.dispose()
    t = time.perf_counter()
    made = setup(url, args.users + 1)
    from assessment.services.security import _hash_slots

    print(f"  setup: {args.users + 1} organisations and accounts in {time.perf_counter() - t:.1f} s (PostgreSQL fsync={fsync})")
    print(f"  argon2 at most {_hash_slots()} at a time per process (SFA_HASH_CONCURRENCY)")
    base = floor(url, made.pop())
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    start_at = time.monotonic() + 3.0  # both processes begin together
    shares = [made[i :: args.processes] for i in range(args.processes)]
    procs = [ctx.Process(target=process_main, args=(url, share, args, start_at, queue)) for share in shares]
    for p in procs:
        p.start()
    results: list[tuple[str, dict[str, Any]]] = []
    for _ in procs:
        results += queue.get(timeout=args.max_seconds + 120)
    wall = time.monotonic() - start_at
    for p in procs:
        p.join(timeout=30)
    lat: dict[str, list[float]] = {op: [] for op in OPS}
    errors: list[str] = []
    for _, r in results:
        for op in OPS:
            lat[op] += r.get("lat", {}).get(op, [])
        errors += r.get("errors", [])
    print(f"  {len(results)} users over {args.processes} processes, think time ~{args.think:g} s, ramp-up {args.ramp:g} s: {wall:.0f} s")
    for op in OPS:
        v = lat[op]
        print(f"  {op:8s} n={len(v):6d}  p50 {pct(v, 50):7.1f} ms  p95 {pct(v, 95):7.1f} ms  max {pct(v, 100):7.1f} ms")
    # saves made once every user had signed in (no argon2 beside them), apart from those made during the sign-ins
    last_sign_in = max((st + la for st, la in timeline(results, "sign_in")), default=start_at)
    pairs = timeline(results, "save")
    during = [la for st, la in pairs if st < last_sign_in]
    after = [la for st, la in pairs if st >= last_sign_in]
    print(f"  save while others sign in  n={len(during):6d}  p50 {pct(during, 50):7.1f} ms  p95 {pct(during, 95):7.1f} ms")
    print(f"  save once all signed in    n={len(after):6d}  p50 {pct(after, 50):7.1f} ms  p95 {pct(after, 95):7.1f} ms"
          f"  (from {last_sign_in - start_at:.0f} s)")  # fmt: skip
    saves = len(lat["save"])
    print(f"  saves/s over the run: {saves / wall:.0f}")
    print(f"  floor: one save alone {base * 1000:.1f} ms; loaded save p95 / floor = {pct(lat['save'], 95) / (base * 1000):.1f}×")
    print(f"  errors: {len(errors)}" + "".join(f"\n    {e}" for e in errors[:10]))
    lost, unsubmitted = lost_answers(url, results)
    print(f"  lost answers: {lost}; users whose assessment is not submitted: {unsubmitted}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--think", type=float, default=1.0, help="mean pause between two answers, seconds")
    ap.add_argument("--ramp", type=float, default=60.0, help="users arrive spread over this many seconds")
    ap.add_argument("--max-seconds", type=float, default=300.0, help="hard stop for every user")
    args = ap.parse_args()
    if not (1 <= args.users <= 2000 and 1 <= args.processes <= 16 and 0 <= args.think <= 10 and 1 <= args.max_seconds <= 1800):
        ap.error("--users 1..2000, --processes 1..16, --think 0..10, --max-seconds 1..1800")

    from bench_storage import start_cluster, stop_cluster
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    print(f"load benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    base, pg_dir = os.environ.get("SFA_TEST_POSTGRES_URL", ""), ""
    if not base:
        base, pg_dir = start_cluster()
    u = make_url(base)
    assert u.host in ("127.0.0.1", "localhost", "::1"), "loopback only"
    admin = create_engine(u, isolation_level="AUTOCOMMIT")
    name = f"sfa_load_{os.getpid()}"
    try:
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        run(u.set(database=name).render_as_string(hide_password=False), args)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        if pg_dir:
            stop_cluster(pg_dir)


if __name__ == "__main__":
    main()
