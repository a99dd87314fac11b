"""Storage benchmark: draft-save latency under 50 concurrent writers, bulk loading 100,000
submissions, and how long a bureau waits for its list — on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_storage.py                 # both databases, 100,000 rows
    .venv/bin/python benchmarks/bench_storage.py --rows 20000 --backends sqlite

PostgreSQL: ``SFA_TEST_POSTGRES_URL`` (its role needs CREATEDB; the benchmark works in a
database of its own and drops it), else a durable throw-away cluster started with
.ci/postgres.sh (fsync on). The server's fsync setting is printed with the figures.
DESIGN §6 target: 50 concurrent draft saves, no lost write, p95 ≤ 100 ms. Every save also
appends a sealed audit row (the throw-away databases get a random ``SFA_AUDIT_KEY``); after
the saves the audit chains are verified and timed.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from argon2 import PasswordHasher  # noqa: E402
from sqlalchemy import create_engine, func, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from assessment import assess, load_questionnaire  # noqa: E402
from assessment import services as svc  # noqa: E402
from assessment.codes import check_character  # noqa: E402
from assessment.refdata import load as load_refdata  # noqa: E402
from assessment.services import snapshots  # noqa: E402
from assessment.storage import Database, open_database  # noqa: E402
from assessment.storage.tables import Assessment, Organisation, Revision  # noqa: E402

Q = "smart_factory"
WRITERS = 50
PW = "benchmark passphrase"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] * 1000


def code_for(n: int, region: str) -> str:
    body = f"91{region}{n:09d}"
    return body + check_character(body)


def random_answers(q: Any, rnd: random.Random) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for x in q.questions:
        if x.kind == "single":
            out[x.id] = rnd.choice(x.options).value
        elif x.kind == "multi":
            out[x.id] = [o.value for o in x.options if not o.exclusive and rnd.random() < 0.5]
        elif x.kind == "yesno":
            out[x.id] = rnd.random() < 0.6
    return out


# ── save latency ─────────────────────────────────────────────────────────────────────────


def writers(db: Database, n: int) -> list[tuple[svc.Actor, int]]:
    op = svc.Actor.system("bench")
    out = []
    for i in range(n):
        org = svc.create_organisation(
            db,
            op,
            name=f"基准测试企业{i:03d}",
            credit_code=code_for(900_000 + i, "510104"),
            region_code="510104",
            industry_code="34",
            size_class="medium",
            production_type="discrete",
        )
        svc.create_user(db, op, username=f"w{i:03d}", password=PW, role="enterprise", organisation_id=org.id)
        actor = svc.authenticate(db, f"w{i:03d}", PW)
        out.append((actor, svc.start_assessment(db, actor, org.id, Q).summary.id))
    return out


def run_writers(db: Database, jobs: list[list[tuple[svc.Actor, int, str, Any]]]) -> tuple[list[float], float]:
    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(jobs) + 1)

    def work(items: list[tuple[svc.Actor, int, str, Any]]) -> None:
        mine = []
        barrier.wait()
        for actor, aid, qid, value in items:
            t = time.perf_counter()
            # as the web app does: the draft version at which this editor last saw the draft
            saved = svc.save_answer(db, actor, aid, qid, value, seen_version=SEEN.get(aid, 0))
            SEEN[aid] = saved.version
            mine.append(time.perf_counter() - t)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=work, args=(j,)) for j in jobs]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    return latencies, time.perf_counter() - start


SEEN: dict[int, int] = {}


def bench_saves(db: Database) -> list[str]:
    q = load_questionnaire(Q)
    pairs = list(random_answers(q, random.Random(7)).items())
    ws = writers(db, WRITERS)
    lines = []
    # one burst = 50 simultaneous saves (one per writer, each its own draft); 10 bursts
    run_writers(db, [[(a, aid, pairs[-1][0], pairs[-1][1])] for a, aid in ws])  # warm the connection pool
    burst: list[float] = []
    for k in range(10):
        lat, _ = run_writers(db, [[(a, aid, pairs[k][0], pairs[k][1])] for a, aid in ws])
        burst += lat
    lines.append(
        f"  50 simultaneous saves, own drafts (10 bursts): p50 {pct(burst, 50):6.1f} ms  p95 {pct(burst, 95):6.1f} ms"
        f"  max {pct(burst, 100):6.1f} ms"
    )
    lat, wall = run_writers(db, [[(a, aid, qid, v) for qid, v in pairs[10:40]] for a, aid in ws])
    lines.append(
        f"  50 writers × 30 saves back to back:           p50 {pct(lat, 50):6.1f} ms  p95 {pct(lat, 95):6.1f} ms  "
        f"({len(lat) / wall:.0f} saves/s)"
    )
    shared_actor, shared = ws[0]
    lat, wall = run_writers(db, [[(shared_actor, shared, qid, v) for qid, v in pairs[40 + i * 2 : 42 + i * 2]] for i in range(WRITERS)])
    lines.append(f"  50 writers, one shared draft, 100 saves:      p50 {pct(lat, 50):6.1f} ms  p95 {pct(lat, 95):6.1f} ms")
    stored = svc.get_assessment(db, shared_actor, shared)
    expected = dict(pairs[40:140])
    lost = sum(1 for k, v in expected.items() if stored.answers.get(k) != (list(v) if isinstance(v, tuple) else v))
    lines.append(f"  lost writes: {lost}")
    return lines


def bench_verify(db: Database) -> str:
    """How fast ``sfa audit verify`` checks the chains the saves above wrote."""
    from assessment.storage.audit_verify import verify

    t = time.perf_counter()
    report = verify(db.engine, db.audit.key)
    dt = time.perf_counter() - t
    state = "intact" if report.intact else f"BROKEN: {report.breaks[0]}"
    return f"  audit verify: {report.rows:,} rows on {report.chains} chains in {dt * 1000:.0f} ms ({report.rows / dt:,.0f} rows/s), {state}"


# ── bulk load and listing ────────────────────────────────────────────────────────────────


def bulk_load(db: Database, rows: int) -> list[str]:
    q = load_questionnaire(Q)
    rnd = random.Random(11)
    ref = load_refdata()
    counties = [c for c in ref.counties if c.startswith("51")]
    weights = [8 if c.startswith("5101") else 1 for c in counties]  # 成都 carries about a third
    pool = []
    t = time.perf_counter()
    for _ in range(40):
        answers = random_answers(q, rnd)
        res = assess(q, answers)
        pool.append((answers, snapshots.pack(res), snapshots.summary(res), res))
    prep = time.perf_counter() - t
    now = db.clock()
    orgs = max(1, rows // 2)
    t = time.perf_counter()
    with db.write() as s:
        first_org = int(s.scalar(select(func.coalesce(func.max(Organisation.id), 0))) or 0) + 1
        first_a = int(s.scalar(select(func.coalesce(func.max(Assessment.id), 0))) or 0) + 1
    regions = rnd.choices(counties, weights, k=orgs)
    for start in range(0, orgs, 5000):
        with db.write() as s:
            s.execute(
                insert(Organisation),
                [
                    {
                        "id": first_org + i,
                        "name": f"企业{i:06d}",
                        "credit_code": code_for(i, regions[i]),
                        "region_code": regions[i],
                        "industry_code": str(13 + i % 31),
                        "size_class": ("large", "medium", "small", "micro")[i % 4],
                        "production_type": ("discrete", "process", "mixed")[i % 3],
                        "created_at": now,
                        "created_by": "bench",
                    }
                    for i in range(start, min(orgs, start + 5000))
                ],
            )
    for start in range(0, rows, 2000):
        a_rows, r_rows = [], []
        for i in range(start, min(rows, start + 2000)):
            o = i % orgs
            answers, blob, summ, res = pool[i % len(pool)]
            aid = first_a + i
            a_rows.append(
                {
                    "id": aid,
                    "organisation_id": first_org + o,
                    "questionnaire_id": q.id,
                    "questionnaire_ref": q.ref,
                    "status": "submitted",
                    "revision": 1,
                    "submitted_revision": 1,
                    "region_code": regions[o],
                    "industry_code": str(13 + o % 31),
                    "size_class": ("large", "medium", "small", "micro")[o % 4],
                    "production_type": ("discrete", "process", "mixed")[o % 3],
                    "score": res.score,
                    "max_score": res.max_score,
                    "rung": summ["rung"],
                    "rung_rank": summ["rung_rank"],
                    "summary": summ,
                    "created_at": now,
                    "updated_at": now,
                    "first_submitted_at": now - timedelta(minutes=i),
                    "last_submitted_at": now - timedelta(minutes=i),
                }
            )
            r_rows.append(
                {
                    "assessment_id": aid,
                    "number": 1,
                    "answers": answers,
                    "answered": len(answers),
                    "version": len(answers),
                    "profile": {"region_code": regions[o]},
                    "summary": summ,
                    "result_z": blob,
                    "engine_version": res.engine_version,
                    "created_at": now,
                    "updated_at": now,
                    "submitted_at": now,
                }
            )
        with db.write() as s:
            s.execute(insert(Assessment), a_rows)
            s.execute(insert(Revision), r_rows)
    load = time.perf_counter() - t
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("ANALYZE"))
    size = ""
    with db.read() as s:
        if db.dialect == "sqlite":
            size = f"{Path(str(db.engine.url.database)).stat().st_size / 2**30:.2f} GiB file"
        else:
            size = f"{s.scalar(text('SELECT pg_database_size(current_database())')) / 2**30:.2f} GiB database"
    snap = statistics.mean(len(p[1]) for p in pool) / 1024
    return [
        f"  bulk load: {rows:,} submissions ({orgs:,} organisations) in {load:.1f} s = {rows / load:,.0f} rows/s; {size}; "
        f"snapshot {snap:.0f} KiB compressed (pool of 40 made in {prep:.1f} s)"
    ]


def bench_lists(db: Database) -> list[str]:
    op = svc.Actor.system("bench")
    lines = []
    for name, code in (("district 锦江 510104", "510104"), ("city 成都 510100", "510100"), ("province 四川 510000", "510000")):
        user = f"bureau_{code}"
        svc.create_user(db, op, username=user, password=PW, role="bureau", jurisdiction=code)
        actor = svc.authenticate(db, user, PW)
        t = time.perf_counter()
        page = svc.list_assessments(db, actor, limit=100)
        first = time.perf_counter() - t
        t = time.perf_counter()
        rows = svc.submission_rows(db, actor, with_summary=False)
        plain = time.perf_counter() - t
        t = time.perf_counter()
        svc.submission_rows(db, actor)
        full = time.perf_counter() - t
        lines.append(
            f"  bureau {name:22s} {page.total:7,} submissions: first page of 100 + count {first * 1000:6.1f} ms; "
            f"dashboard rows {plain:5.2f} s, with summaries {full:5.2f} s ({len(rows):,})"
        )
    return lines


# ── databases ────────────────────────────────────────────────────────────────────────────


def start_cluster() -> tuple[str, str]:
    script = (
        'set -euo pipefail; SFA_PG_KEEP=1 SFA_PG_FSYNC=on source .ci/postgres.sh >&2; echo "$SFA_TEST_POSTGRES_URL"; echo "$SFA_PG_DIR"'
    )
    out = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return out[0], out[1]


def stop_cluster(pg_dir: str) -> None:
    bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    cmd = [str(bindir / "pg_ctl"), "-D", f"{pg_dir}/data", "-m", "fast", "-w", "stop"]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    subprocess.run(cmd, capture_output=True, check=False)
    subprocess.run(["rm", "-rf", pg_dir], check=False)


def run_backend(name: str, url: str, rows: int, saves: bool = True) -> None:
    db = open_database(url)
    try:
        if db.dialect == "postgresql":
            with db.read() as s:
                fsync = s.scalar(text("SHOW fsync"))
            print(f"\n{name}: PostgreSQL (fsync={fsync})")
        else:
            print(f"\n{name}: SQLite, WAL, synchronous={os.environ.get('SFA_SQLITE_SYNCHRONOUS', 'FULL')}")
        for line in bench_saves(db) if saves else []:
            print(line, flush=True)
        if saves:
            print(bench_verify(db), flush=True)
        if rows:
            for line in bulk_load(db, rows):
                print(line, flush=True)
            for line in bench_lists(db):
                print(line, flush=True)
    finally:
        db.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--no-saves", action="store_true", help="skip the save-latency part")
    args = ap.parse_args()
    svc.security.set_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))  # account setup only
    os.environ.setdefault("SFA_AUDIT_KEY", secrets.token_hex(16))  # throw-away databases: never ./data/audit-key
    print(f"storage benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    backends = args.backends.split(",")
    if "sqlite" in backends:
        with tempfile.TemporaryDirectory(dir=ROOT / "benchmarks") as d:
            run_backend("sqlite", f"sqlite:///{d}/bench.sqlite3", args.rows, not args.no_saves)
    if "postgresql" in backends:
        base, pg_dir = os.environ.get("SFA_TEST_POSTGRES_URL", ""), ""
        if not base:
            base, pg_dir = start_cluster()
        u = make_url(base)
        admin = create_engine(u, isolation_level="AUTOCOMMIT")
        name = f"sfa_bench_{os.getpid()}"
        try:
            with admin.connect() as c:
                c.execute(text(f'CREATE DATABASE "{name}"'))
            run_backend("postgresql", u.set(database=name).render_as_string(hide_password=False), args.rows, not args.no_saves)
        finally:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
            if pg_dir:
                stop_cluster(pg_dir)


if __name__ == "__main__":
    main()
