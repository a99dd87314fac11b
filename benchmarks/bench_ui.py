"""Server-side rerun time of the questionnaire page after one answer (target ≤ 150 ms) and
of the result page, measured with Streamlit's AppTest on a seeded SQLite database.

Run: python benchmarks/bench_ui.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="sfa-bench-ui-")
    os.environ["SFA_DATA_DIR"] = tmp
    os.environ.pop("SFA_DATABASE_URL", None)

    from streamlit.testing.v1 import AppTest

    from assessment import services
    from assessment.storage import Database
    from assessment.storage.database import make_engine
    from assessment.storage.migrate import ensure_schema

    engine = make_engine()
    ensure_schema(engine)
    db = Database(engine)
    system = services.Actor.system("bench")
    org = services.create_organisation(db, system, name="基准测试企业", credit_code="91510100MA61R8XK0W", region_code="510100",
                                       industry_code="34", size_class="large", production_type="discrete")
    password = "benchmark password 1"
    services.create_user(db, system, username="bench", password=password, role="enterprise", organisation_id=org.id)
    actor = services.authenticate(db, "bench", password)
    for ref, qid, values in (
        ("smart_factory", "cmmm.level", ["l1", "l2", "l3", "l4"]),
        ("sme_digital", "base.info_system_coverage", ["single", "multiple", "most", "full"]),
    ):
        view = services.start_assessment(db, actor, org.id, ref)
        aid = view.summary.id
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        at.session_state["actor"] = actor
        at.session_state["current_assessment"] = aid
        at.run()
        at.switch_page("app_pages/questionnaire.py").run()
        key = f"a{aid}.r1.{qid}"
        times = []
        for i in range(args.rounds):
            radio = at.radio(key=key).set_value(values[i % len(values)])
            t = time.perf_counter()
            radio.run()
            times.append(time.perf_counter() - t)
        at.switch_page("app_pages/result.py").run()
        result_times = []
        for _ in range(max(3, args.rounds // 4)):
            t = time.perf_counter()
            at.run()
            result_times.append(time.perf_counter() - t)
        print(f"{ref:14s} questionnaire rerun after one answer: median {statistics.median(times) * 1000:6.1f} ms "
              f"(max {max(times) * 1000:6.1f}; target ≤ 150 ms)   result page: median {statistics.median(result_times) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
