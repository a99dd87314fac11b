"""``sfa import DIR --as CONSULTANT --pdf OUT``: a batch of ten workbooks, two of them bad →
eight new rounds of the client, eight PDFs (with progress since the previous round) and a
summary naming the two bad files."""

from __future__ import annotations

from pathlib import Path

import typer
from pypdf import PdfReader
from typer.testing import CliRunner

from assessment import load_questionnaire
from assessment import services as svc
from assessment.cli_excel import register
from assessment.io.answers_file import read_answers
from assessment.io.excel_template import write_template

from .world import PASSWORD, World

app = typer.Typer(pretty_exceptions_enable=False)
register(app)
EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"


def test_cli_import__batch_of_ten_with_two_bad__saves_eight_writes_eight_pdfs_names_two(world: World, tmp_path: Path) -> None:
    q = load_questionnaire("sme_digital")
    a = svc.get_organisation(world.db, world.actor("admin"), world.orgs["A"])
    enterprise = {"name": a.name, "credit_code": a.credit_code}
    levels = ["none", "level1", "level2", "level3", "level4"]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(8):
        answers = read_answers(EXAMPLES / f"sme_digital_{levels[i % 5]}.yaml").answers
        (inbox / f"client-{i}.xlsx").write_bytes(write_template(q, enterprise, answers))
    (inbox / "broken.xlsx").write_bytes(b"this is not a workbook")
    bad = write_template(q, {**enterprise, "region": "999999"})
    (inbox / "wrong-region.xlsx").write_bytes(bad)
    before = svc.list_assessments(world.db, world.actor("cons_a"), organisation_id=a.id).total
    url = world.db.engine.url.render_as_string(hide_password=False)
    out = tmp_path / "pdf"
    r = CliRunner().invoke(
        app, ["import", str(inbox), "--as", "cons_a", "--password-stdin", "--pdf", str(out), "--jobs", "2", "--database-url", url],
        input=PASSWORD + "\n",
    )  # fmt: skip
    assert r.exit_code == 1, r.stderr
    assert "已导入 / imported: 8 / 10" in r.stdout and "files that failed: 2" in r.stderr
    assert "broken.xlsx: 不是 Excel 工作簿" in r.stderr
    assert "wrong-region.xlsx › 企业信息 Enterprise › 第 6 行 row 6 › C 列" in r.stderr and "行政区划代码" in r.stderr
    assert "Traceback" not in r.stderr
    assert svc.list_assessments(world.db, world.actor("cons_a"), organisation_id=a.id).total == before + 8
    pdfs = sorted(p.name for p in out.iterdir())
    assert pdfs == [f"client-{i}.pdf" for i in range(8)]
    text = "".join(p.extract_text() for p in PdfReader(out / "client-7.pdf").pages[:6])
    assert a.name in text and "与上一轮比较" in text
