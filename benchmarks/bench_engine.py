"""Engine speed: median assess() time per questionnaire (target ≤ 2 ms, DESIGN.md §6) and
the time to load both questionnaires from their YAML files (cold, no cache).

Run: python benchmarks/bench_engine.py [--rounds N]
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
    args = ap.parse_args()
    rng = random.Random(7)
    for ref in ("smart_factory", "sme_digital"):
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
        print(
            f"{q.ref:24s} questions={len(q.questions):3d}  load median {statistics.median(loads) * 1000:7.1f} ms   "
            f"assess median {statistics.median(times) * 1000:6.2f} ms  p95 {times[int(0.95 * len(times))] * 1000:6.2f} ms  (target ≤ 2 ms)"
        )


if __name__ == "__main__":
    main()
