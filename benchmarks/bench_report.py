"""PDF gap report timings (DESIGN.md §6: ≤ 1 s median in a warm process, ≤ 1 MB).

    .venv/bin/python benchmarks/bench_report.py [--runs 15] [--batch 100] [--font-build]

Prints: median time per report in a warm process, the first report in a cold process
(a fresh interpreter, fonts already cached), file sizes, a batch of reports, and with
``--font-build`` the one-off font preparation in an empty cache directory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assessment import assess, load_questionnaire  # noqa: E402
from assessment.io.answers_file import read_answers  # noqa: E402
from reports import ReportOptions, ReportPart, ensure_fonts, render_combined_report  # noqa: E402

EXAMPLES = ROOT / "questionnaires" / "examples"
INPUTS = {
    "smart_factory": EXAMPLES / "smart_factory_advanced.yaml",
    "sme_digital": EXAMPLES / "sme_digital_level2.yaml",
}
OPTS = ReportOptions(consultant="四川智造咨询有限公司", assessor="王堃", report_date=dt.date(2025, 3, 1))

COLD = """
import time, datetime as dt
t0 = time.perf_counter()
from pathlib import Path
from assessment import assess, load_questionnaire
from assessment.io.answers_file import read_answers
from reports import ReportOptions, render_report
af = read_answers(Path({path!r}))
q = load_questionnaire(af.questionnaire)
r = assess(q, af.answers, af.enterprise.profile())
pdf = render_report(r, q, af.enterprise.profile(), ReportOptions(report_date=dt.date(2025, 3, 1)), answers=af.answers, progress=None)
print(time.perf_counter() - t0, len(pdf))
"""


def parts(name: str) -> tuple[list[ReportPart], object]:
    af = read_answers(INPUTS[name])
    q = load_questionnaire(af.questionnaire)
    return [ReportPart(q, assess(q, af.answers, af.enterprise.profile()), af.answers)], af.enterprise.profile()


def warm(name: str, runs: int) -> tuple[float, float, int]:
    ps, prof = parts(name)
    render_combined_report(ps, prof, OPTS, progress=None)  # warm-up: fonts, imports
    times, size = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        size = len(render_combined_report(ps, prof, OPTS, progress=None))
        times.append(time.perf_counter() - t)
    return statistics.median(times), max(times), size


def cold(name: str, env: dict[str, str]) -> tuple[float, float]:
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", COLD.format(path=str(INPUTS[name]))], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    total = time.perf_counter() - t
    return float(out.stdout.split()[0]), total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--font-build", action="store_true", help="also time preparing the fonts in an empty cache")
    args = ap.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t = time.perf_counter()
    ensure_fonts()
    print(f"fonts ready (cached): {time.perf_counter() - t:.2f} s")

    print(f"\nwarm process, {args.runs} runs each")
    for name in INPUTS:
        med, worst, size = warm(name, args.runs)
        flag = "ok" if med <= 1.0 and size <= 1_000_000 else "OVER TARGET"
        print(f"  {name:14s} median {med * 1000:6.0f} ms  max {worst * 1000:6.0f} ms  size {size / 1024:6.0f} KiB  [{flag}]")
    ps_sf, prof = parts("smart_factory")
    ps_sme, _ = parts("sme_digital")
    t = time.perf_counter()
    size = len(render_combined_report(ps_sf + ps_sme, prof, OPTS, progress=None))
    print(f"  {'combined':14s} one run {(time.perf_counter() - t) * 1000:6.0f} ms  size {size / 1024:6.0f} KiB")

    print("\ncold process (new interpreter, fonts cached)")
    for name in INPUTS:
        inside, total = cold(name, env)
        print(f"  {name:14s} imports + first report {inside:5.2f} s   whole process {total:5.2f} s")

    print(f"\nbatch of {args.batch} reports in one process (alternating both questionnaires)")
    t = time.perf_counter()
    total_size = 0
    for i in range(args.batch):
        ps = ps_sf if i % 2 == 0 else ps_sme
        total_size += len(render_combined_report(ps, prof, OPTS, progress=None))
    elapsed = time.perf_counter() - t
    print(f"  {elapsed:6.1f} s total, {elapsed / args.batch * 1000:.0f} ms per report, {total_size / args.batch / 1024:.0f} KiB average")

    if args.font_build:
        with tempfile.TemporaryDirectory() as d:
            t = time.perf_counter()
            inside, total = cold("sme_digital", dict(env, SFA_CACHE_DIR=d))
            print(f"\nfirst report on a machine with an empty font cache: {total:.1f} s (fonts made once per user)")


if __name__ == "__main__":
    main()
