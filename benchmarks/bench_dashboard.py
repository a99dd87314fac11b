"""Bureau dashboard at scale: demo data, first load, a filter change, candidates, a 10,000-row
Excel export and peak memory — and, in the same run, the raw SQL GROUP BYs for the same
figures, printed as a ratio (the floor).

    python benchmarks/bench_dashboard.py --n 100000                    # a fresh SQLite file
    python benchmarks/bench_dashboard.py --n 100000 --url postgresql+psycopg://…/db
    python benchmarks/bench_dashboard.py --url sqlite:///bench.sqlite3 --reuse

Targets (DESIGN.md §6, issue 9): first load ≤ 1.5 s, filter change ≤ 0.5 s, candidates ≤
0.5 s, 10,000-row Excel ≤ 5 s, app process ≤ 600 MB, dashboard ≤ 3× the raw GROUP BY,
demo-data for 100,000 ≤ 120 s on SQLite. The process imports what the app imports
(streamlit, pandas, altair), so its peak RSS stands for an app process holding these figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


RAW = {
    "groups": "SELECT substr(region_code, 1, 4), industry_code, rung_rank, eligible_rank, count(*), sum(score), "
    "sum(scenarios), sum(scenarios_ai) FROM facts WHERE {w} GROUP BY 1, 2, 3, 4",
    "sections": "SELECT s.section_id, CASE WHEN s.percent >= 100 THEN 10 ELSE CAST(s.percent / 10 AS INTEGER) END, count(*) "
    "FROM fact_sections s JOIN facts ON facts.assessment_id = s.assessment_id WHERE {w} GROUP BY 1, 2",
    "blocking": "SELECT c.criterion_id, c.rung_rank, count(*) FROM fact_criteria c JOIN facts ON facts.assessment_id = c.assessment_id "
    "WHERE {w} AND c.blocking GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 15",
    "trend": "SELECT period, rung_rank, count(*) FROM facts "
    "WHERE questionnaire_ref = '{q}' AND region_code >= '510000' AND region_code < '520000'{extra} GROUP BY 1, 2",
}
"""The dashboard's queries written by hand (the same schema, indexes and figures)."""
PREVIOUS = "SELECT rung_rank, eligible_rank, count(*), sum(score), sum(scenarios), sum(scenarios_ai) FROM facts WHERE {w} GROUP BY 1, 2"


def raw_groupbys(db: Any, q: str, cut: str, extra: str = "") -> float:
    """The dashboard's figures as plain SQL through the driver (current state, and the state at
    ``cut``, the start of the current quarter, for the change beside the headline)."""
    cur_w = f"questionnaire_ref = '{q}' AND region_code >= '510000' AND region_code < '520000' AND superseded_at IS NULL{extra}"
    prev_w = cur_w.replace("superseded_at IS NULL", f"submitted_at < '{cut}' AND (superseded_at IS NULL OR superseded_at >= '{cut}')")
    raw_conn = db.engine.raw_connection()
    try:
        cur = raw_conn.cursor()
        t0 = time.perf_counter()
        for sql in RAW.values():
            text = sql.format(w=cur_w, q=q, extra=extra)
            if db.dialect == "sqlite":
                text = text.replace("c.blocking", "c.blocking = 1")
            cur.execute(text)
            cur.fetchall()
        cur.execute(PREVIOUS.format(w=prev_w))
        cur.fetchall()
        return time.perf_counter() - t0
    finally:
        raw_conn.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--url", default="")
    ap.add_argument("--reuse", action="store_true", help="use the data already in --url")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--questionnaire", default="smart_factory")
    args = ap.parse_args()

    import altair  # noqa: F401  (what the app process holds)
    import pandas  # noqa: F401
    import streamlit  # noqa: F401

    from assessment import services as svc
    from assessment.io.tables_out import to_xlsx
    from assessment.services import bureau, candidates
    from assessment.services.assessments import questionnaire_for
    from assessment.services.bureau_export import enterprise_rows, export_view, sheets
    from assessment.storage import open_database

    url = args.url or f"sqlite:///{Path(tempfile.mkdtemp(prefix='sfa-bench-')) / 'bench.sqlite3'}"
    os.environ.setdefault("SFA_SQLITE_SYNCHRONOUS", "NORMAL")
    db = open_database(url)
    print(f"database: {db.url}")
    if not args.reuse:  # in its own process, as `sfa demo-data`, so this process measures the app alone
        cmd = [sys.executable, "-m", "assessment.cli", "demo-data", "--n", str(args.n), "--seed", str(args.seed), "--database-url", url]
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode:
            sys.exit(done.stderr)
        print(f"sfa demo-data --n {args.n}: {time.perf_counter() - t0:.1f} s — {done.stdout.strip().splitlines()[-1]}")
    name = f"bench-bureau-{os.getpid()}"
    svc.create_user(db, svc.Actor.system("bench"), username=name, password="a bench passphrase 1", role="bureau", jurisdiction="510000")
    actor = svc.authenticate(db, name, "a bench passphrase 1")
    q = [r for r, _ in bureau.questionnaires(db, actor) if r.startswith(args.questionnaire + "@")][-1]
    f0 = bureau.Filters(q)
    f1 = bureau.Filters(q, region="510100", industry="39")
    questionnaire_for(q)  # parsed once per process (the app does it at its first page), not per view
    bureau.clear_cache()
    first, d = timed(lambda: bureau.dashboard(db, actor, f0))
    print(f"dashboard first load, figures ({q}, {d.headline.enterprises:,} enterprises): {first * 1000:.0f} ms")
    targets, _ = timed(lambda: candidates.progress(db, actor, f0))
    print(f"  + targets and coverage: {targets * 1000:.0f} ms (page total {(first + targets) * 1000:.0f} ms)")
    change, _ = timed(lambda: bureau.dashboard(db, actor, f1))
    print(f"filter change (成都市 · 39): {change * 1000:.0f} ms")
    warm, _ = timed(lambda: bureau.dashboard(db, actor, f0))
    print(f"same view again (cached): {warm * 1000:.1f} ms")
    bureau.clear_cache()
    cand, rows = timed(lambda: candidates.candidates(db, actor, f0, rung_rank=1, max_missing=2))
    print(f"candidates (rank 1, N ≤ 2): {cand * 1000:.0f} ms, {len(rows):,} rows")
    bureau.clear_cache()

    def export_10k() -> bytes:
        all_sheets = sheets(db, actor, f0)
        ents = next(s for s in all_sheets if s.title == "企业")
        return to_xlsx([type(ents)(ents.title, ents.headers, ents.rows[:10_000])])

    n_rows = len(enterprise_rows(db, actor, f0, 10_000))
    bureau.clear_cache()
    ex, data = timed(export_10k)
    print(f"Excel export of {n_rows:,} enterprise rows (all five sheets' queries included): {ex:.2f} s, {len(data) // 1024} KiB")
    bureau.clear_cache()
    full, (_name, fdata) = timed(lambda: export_view(db, actor, f0))
    print(f"Excel export of the whole view, five sheets: {full:.2f} s, {len(fdata) // 1024} KiB")
    cut = bureau.quarter_start(bureau.current_period(db)).replace(tzinfo=None).isoformat(sep=" ")
    raw, _ = timed(lambda: raw_groupbys(db, q, cut), repeat=3)
    raw_f1, _ = timed(
        lambda: raw_groupbys(db, q, cut, " AND region_code >= '510100' AND region_code < '510200' AND industry_code = '39'"), repeat=3
    )
    print(f"raw SQL GROUP BYs, same figures: {raw * 1000:.0f} ms (filtered: {raw_f1 * 1000:.0f} ms)")
    print(f"ratio dashboard / raw: first load {first / raw:.2f}×, filter change {change / raw_f1:.2f}×")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss:.0f} MB")
    db.dispose()


if __name__ == "__main__":
    main()
