"""Consultant-work timings (issue 12 targets), each with a floor measured in the same run.

    .venv/bin/python benchmarks/bench_consult.py [--runs 7] [--batch 100] [--jobs N]

Prints:
* ``sfa assess FILE --json``, whole process (target ≤ 0.25 s), against a bare interpreter;
* importing a filled smart-factory workbook in a warm process (target ≤ 1 s), and
  ``sfa import FILE`` as a whole process;
* one smart-factory report, ``sfa report`` as a whole process (target ≤ 3× a bare reportlab
  script writing the same number of pages with the same cached fonts);
* a batch of N smart-factory reports of N different clients (answer sets over all maturities)
  with ``sfa import DIR --pdf OUT`` on all cores (target ≤ 30 s for 100 on 2 cores), against
  such reports rendered one after another in one warm process (the floor a pool divides).
Shared machines drift: compare the ratios, not only the seconds.
"""

from __future__ import annotations

import argparse
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
from assessment.io.excel_import import read_workbook  # noqa: E402
from assessment.io.excel_template import write_template  # noqa: E402

SFA = [sys.executable, "-m", "assessment.cli"]
EXAMPLE = ROOT / "questionnaires" / "examples" / "smart_factory_advanced.yaml"


BARE = """
from reports.fonts import ensure_fonts
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate, Paragraph, PageBreak
f = ensure_fonts(None)
pdfmetrics.registerFont(TTFont("R", str(f.regular)))
style = ParagraphStyle("b", fontName="R", fontSize=10, leading=15, wordWrap="CJK")
story = []
for i in range({pages}):
    story += [Paragraph("智能工厂梯度培育自评 诊断与差距分析报告 " * 12, style) for _ in range(8)] + [PageBreak()]
SimpleDocTemplate({out!r}).build(story[:-1])
"""


def whole(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")

    floor = whole([sys.executable, "-c", "pass"], args.runs)
    t = whole([*SFA, "assess", str(EXAMPLE), "--json"], args.runs)
    libs = whole([sys.executable, "-c", "import typer, yaml\nfrom pydantic import BaseModel"], args.runs)
    print(f"sfa assess --json, whole process: {t:.3f} s (target ≤ 0.25 s); bare interpreter {floor:.3f} s; ratio {t / floor:.1f}×")
    print(f"  importing only typer, yaml and pydantic (what the command is built on): {libs:.3f} s; ratio {t / libs:.1f}×")

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "one.pdf"
        t = whole([*SFA, "report", str(EXAMPLE), "-o", str(pdf)], max(3, args.runs // 2))
        from pypdf import PdfReader

        pages = len(PdfReader(pdf).pages)
        bare = BARE.format(pages=pages, out=str(Path(tmp) / "bare.pdf"))
        floor_pdf = whole([sys.executable, "-c", bare], max(3, args.runs // 2))
        print(f"sfa report (one, {pages} pages), whole process: {t:.2f} s; bare reportlab script, same pages: {floor_pdf:.2f} s; "
              f"ratio {t / floor_pdf:.1f}× (target ≤ 3×)")  # fmt: skip

    af = read_answers(EXAMPLE)
    q = load_questionnaire(af.questionnaire)
    data = write_template(q, af.enterprise.model_dump(), af.answers)
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        wb = read_workbook(data, "bench.xlsx")
        times.append(time.perf_counter() - t0)
    assert assess(q, wb.answers, wb.enterprise.profile()) == assess(q, af.answers, af.enterprise.profile())
    print(f"import a filled workbook ({len(data) // 1024} KB), warm: median {statistics.median(times):.3f} s (target ≤ 1 s)")
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "one.xlsx"
        f.write_bytes(data)
        t = whole([*SFA, "import", str(f)], max(3, args.runs // 2))
        print(f"sfa import FILE.xlsx, whole process: {t:.3f} s; ratio to bare interpreter {t / floor:.1f}×")

        # A hundred different clients: answer sets spread over all maturities (the demo data's
        # generator, checked by the engine), so no two reports are the same.
        import random

        from assessment.demo_bulk import prototypes

        clients = prototypes(q, random.Random(12), args.batch)
        inbox, out = Path(tmp) / "inbox", Path(tmp) / "pdf"
        inbox.mkdir()
        for i, (_, answers) in enumerate(clients):
            enterprise = {**af.enterprise.model_dump(), "name": f"{af.enterprise.name}（客户 {i:03d}）"}
            (inbox / f"client-{i:03d}.xlsx").write_bytes(write_template(q, enterprise, answers))
        t0 = time.perf_counter()
        subprocess.run([*SFA, "import", str(inbox), "--pdf", str(out), "--jobs", str(args.jobs)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        batch = time.perf_counter() - t0
        n = len(list(out.glob("*.pdf")))

        from reports import ReportOptions, render_report

        profile = af.enterprise.profile()
        render_report(assess(q, af.answers, profile), q, profile, ReportOptions(), answers=af.answers, progress=None)  # warm-up
        k = min(10, args.batch)
        t0 = time.perf_counter()
        for _, answers in clients[:k]:
            render_report(assess(q, answers, profile), q, profile, ReportOptions(), answers=answers, progress=None)
        serial = (time.perf_counter() - t0) / k * args.batch
        print(
            f"batch of {n} smart-factory reports (sfa import DIR --pdf, {args.jobs} workers): {batch:.1f} s (target ≤ 30 s for 100); "
            f"serial warm floor {serial:.1f} s; ratio {batch / serial:.2f}"
        )


if __name__ == "__main__":
    main()
