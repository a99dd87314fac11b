"""Exports (Excel + CSV): they open, hold exactly the view's rows, stay in the jurisdiction and
neutralise formula-like text; ``sfa bureau export``; bulk demo data (engine-assessed, no
account anyone can sign in with)."""

from __future__ import annotations

import io

import typer
from openpyxl import load_workbook
from sqlalchemy import func, select
from typer.testing import CliRunner

from assessment import services as svc
from assessment.engine import assess
from assessment.io.tables_out import Sheet, neutralise, to_csv
from assessment.services import bureau
from assessment.services.assessments import questionnaire_for
from assessment.services.bureau_export import export_view
from assessment.services.organisations import OrgInfo
from assessment.storage import Database
from assessment.storage.tables import Assessment, Organisation, Revision, User

from .population import PASSWORD, Population

Q = "smart_factory@2025.2"


def workbook(data: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(data))


def test_export__xlsx__has_the_five_sheets_and_exactly_the_filtered_rows(pop_ro: Population) -> None:
    name, data = export_view(pop_ro.db, pop_ro.actors["bur_sc"], bureau.Filters(Q, region="510100"))
    assert name.endswith(".xlsx")
    wb = workbook(data)
    assert wb.sheetnames == ["汇总", "企业", "常见差距", "候选企业", "未诊断企业"]
    ws = wb["企业"]
    assert ws.freeze_panes == "A2" and ws.cell(1, 1).value == "企业名称"
    names = sorted(r[0] for r in ws.iter_rows(min_row=2, values_only=True))
    assert names == ["企业jj1", "企业jj2", "企业wh1"]
    regions = {r[2] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert regions == {"四川省 成都市 锦江区", "四川省 成都市 武侯区"}
    assert ws.column_dimensions["A"].width >= 8


def test_export__city_bureau__only_its_own_regions_also_in_candidates(pop_ro: Population) -> None:
    wb = workbook(export_view(pop_ro.db, pop_ro.actors["bur_cd"], bureau.Filters(Q))[1])
    for sheet in ("企业", "候选企业"):
        assert all(str(r[2]).startswith("四川省 成都市") for r in wb[sheet].iter_rows(min_row=2, values_only=True))
    _, data = export_view(pop_ro.db, pop_ro.actors["bur_cd"], bureau.Filters(Q), "csv")
    assert data.startswith("\ufeff".encode()) and "绵阳" not in data.decode("utf-8-sig")


def test_export__formula_like_text__is_neutralised() -> None:
    for bad in ('=HYPERLINK("x")', "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"):
        assert str(neutralise(bad)).startswith("'")
    text = to_csv(Sheet("t", ["名称"], [["=1+1"], ["正常"]])).decode("utf-8-sig")
    assert text.splitlines() == ["名称", "'=1+1", "正常"]


def test_cli__bureau_export__writes_the_view_as_the_user_sees_it(pop_ro: Population, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from assessment.cli_bureau import register

    app = typer.Typer()
    register(app)
    out = tmp_path / "view.xlsx"
    url = pop_ro.db.engine.url.render_as_string(hide_password=False)
    args = ["bureau", "export", "--as", "bur_jj", "-q", Q, "-o", str(out), "--password-stdin", "--database-url", url]
    r = CliRunner().invoke(app, args, input=PASSWORD + "\n")
    assert r.exit_code == 0, r.stderr
    names = sorted(row[0] for row in workbook(out.read_bytes())["企业"].iter_rows(min_row=2, values_only=True))
    assert names == ["企业jj1", "企业jj2"]
    r = CliRunner().invoke(app, [*args[:-2], "--region", "510703", "--database-url", url], input=PASSWORD + "\n")
    assert r.exit_code == 2 and "Traceback" not in r.stderr and "辖区" in r.stderr


def test_demo_data__bulk__assessed_by_the_engine_and_no_usable_account(db: Database) -> None:
    from assessment.demo_bulk import load_bulk_demo

    seen: list[int] = []
    rep = load_bulk_demo(db, n=60, seed=5, progress=seen.append, variants=1)
    assert rep.submissions == 60 == sum(seen) and rep.undiagnosed > 0
    with db.read() as s:
        roles = set(s.scalars(select(User.role)))
        assert roles == {"consultant"}
        n_facts = s.scalar(select(func.count()).select_from(bureau.FACTS))
        rows = s.execute(
            select(Assessment, Revision, Organisation)
            .join(Revision, (Revision.assessment_id == Assessment.id) & (Revision.number == Assessment.submitted_revision))
            .join(Organisation, Organisation.id == Assessment.organisation_id)
            .limit(15)
        ).all()
    assert n_facts == 60
    with db.read() as s:
        facts = {r.assessment_id: r for r in s.execute(select(bureau.FACTS))}
    for a, rev, org in rows:
        res = assess(questionnaire_for(a.questionnaire_ref), dict(rev.answers), OrgInfo.of(org).profile())
        assert (a.score, a.rung_rank) == (res.score, svc.snapshots.rung_of(res)[1])
        f = facts[a.id]
        assert (f.region_code, f.industry_code, f.size_class, f.score) == (org.region_code, org.industry_code, org.size_class, res.score)
    for u in ("demo-consultant-5-01", "admin", "demo-admin"):
        try:
            svc.authenticate(db, u, "")
            raise AssertionError("signed in")
        except svc.ServiceError:
            pass
