"""Sign-in cost with production argon2 parameters, on SQLite, against its floor.

    .venv/bin/python benchmarks/bench_signin.py [--n 30]

Prints p50/p95 of ``services.authenticate`` (three short transactions for the throttle,
one argon2 verify, the audit entry) and, measured in the same run, a bare argon2
``verify`` of the same hash: the ratio shows what the throttle and bookkeeping add.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from argon2 import PasswordHasher  # noqa: E402

from assessment import services as svc  # noqa: E402
from assessment.services import Actor, security  # noqa: E402
from assessment.storage import open_database  # noqa: E402

PW = "benchmark passphrase 42"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=30)
    n = ap.parse_args().n
    security.set_hasher(PasswordHasher())  # the production default
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        svc.create_user(db, Actor.system("bench"), username="bench-user", password=PW, role="consultant")
        svc.authenticate(db, "bench-user", PW, client="ip:192.0.2.1")  # warm up
        signin, bare = [], []
        stored = PasswordHasher().hash(PW)
        for i in range(n):
            t = time.perf_counter()
            svc.authenticate(db, "bench-user", PW, client=f"ip:192.0.2.{i % 200}")
            signin.append(time.perf_counter() - t)
            t = time.perf_counter()
            PasswordHasher().verify(stored, PW)
            bare.append(time.perf_counter() - t)
        db.dispose()
    print(f"sign-in (argon2id defaults, SQLite), n={n}: p50 {pct(signin, 50):.1f} ms  p95 {pct(signin, 95):.1f} ms")
    print(f"bare argon2 verify (floor):          p50 {pct(bare, 50):.1f} ms  p95 {pct(bare, 95):.1f} ms")
    print(f"ratio of medians: {statistics.median(signin) / statistics.median(bare):.2f}×")


if __name__ == "__main__":
    main()
