"""Engine speed: median assess() time per questionnaire (target ≤ 2 ms, DESIGN.md §6) and
the time to load both questionnaires from their YAML files (cold, no cache).

Each line also gives the ratio to a floor measured in the same run on the same answers:
``check_answers()`` alone (validating the answers, the least any assessment does), so the
figure stays comparable on a busy shared machine. Both smart_factory versions are measured
(2025.2 has 189 questions against 2025.1's 135).

Run: python benchmarks/bench_engine.py [--rounds N] [--ref smart_factory@2025.1 ...]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path
from typing import Any

from assessment import assess
from assessment.catalog import load_dir, resolve
from assessment.engine.answers import check_answers
from assessment.engine.models import Questionnaire


def random_answers(q: Questionnaire, rng: random.Random) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for x in q.questions:
        if x.kind == "single":
            out[x.id] = rng.choice(x.options).value
        elif x.kind == "multi":
            out[x.id] = [o.value for o in x.options if rng.random() < 0.5]
        elif x.kind == "yesno":
            out[x.id] = rng.random() < 0.6
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=300)
    ap.add_argument("--ref", action="append", help="questionnaire reference(s) to measure")
    args = ap.parse_args()
    rng = random.Random(7)
    for ref in args.ref or ("smart_factory@2025.1", "smart_factory@2025.2", "sme_digital"):
        d: Path = resolve(ref)
        loads = []
        for _ in range(5):
            t = time.perf_counter()
            q = load_dir(d)
            loads.append(time.perf_counter() - t)
        samples = [random_answers(q, rng) for _ in range(50)]
        for a in samples[:5]:
            assess(q, a)  # warm up
        times = []
        for i in range(args.rounds):
            a = samples[i % len(samples)]
            t = time.perf_counter()
            assess(q, a)
            times.append(time.perf_counter() - t)
        times.sort()
        floor = []
        for i in range(args.rounds):
            a = samples[i % len(samples)]
            t = time.perf_counter()
            check_answers(q, a)
            floor.append(time.perf_counter() - t)
        ratio = statistics.median(times) / statistics.median(floor)
        print(
            f"{q.ref:24s} questions={len(q.questions):3d}  load median {statistics.median(loads) * 1000:7.1f} ms   "
            f"assess median {statistics.median(times) * 1000:6.2f} ms  p95 {times[int(0.95 * len(times))] * 1000:6.2f} ms "
            f"(target ≤ 2 ms) = {ratio:5.1f}× check_answers"
        )


if __name__ == "__main__":
    main()
