"""Register import (located errors, all or nothing, jurisdiction), coverage, the 未诊断企业名单,
candidates and progress toward the targets — on both databases."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from assessment import services as svc
from assessment.io.register_file import RegisterFileError
from assessment.services import bureau, candidates, register

from .population import ORGS, Population, credit_code

Q = "smart_factory@2025.2"
HEADER = "统一社会信用代码,企业名称,行政区划代码,行业代码\n"
EXTRA = {"u1": ("510104", "34"), "u2": ("510108", "17"), "u3": ("510703", "26")}


def register_csv(pop: Population, *, extra: dict[str, tuple[str, str]] = EXTRA) -> bytes:
    lines = [f"{pop.codes[k]},企业{k},{r},{i}" for k, (r, i) in ORGS.items() if k != "cq1"]
    lines += [f"{credit_code(100 + n, r)},未诊断企业{k},{r},{i}" for n, (k, (r, i)) in enumerate(extra.items())]
    return ("\ufeff" + HEADER + "\n".join(lines) + "\n").encode("utf-8")


def f(**kw: str) -> bureau.Filters:
    return bureau.Filters(questionnaire=Q, **kw)


def test_register__csv_import__gives_coverage_and_the_undiagnosed_list(pop: Population) -> None:
    rep = register.import_register(pop.db, pop.actors["bur_sc"], "名录.csv", register_csv(pop))
    assert (rep.added, rep.updated, rep.removed) == (8, 0, 0)
    cov = register.coverage(pop.db, pop.actors["bur_sc"], f())
    assert (cov.registered, cov.diagnosed) == (8, 5)
    assert cov.by_area == [("510100", 5, 3), ("510700", 3, 2)]
    assert dict((i, (n, m)) for i, n, m in cov.by_industry)["34"] == (4, 3)
    names = [u.name for u in register.undiagnosed(pop.db, pop.actors["bur_sc"], f())]
    assert sorted(names) == ["未诊断企业u1", "未诊断企业u2", "未诊断企业u3"]
    city = register.undiagnosed(pop.db, pop.actors["bur_cd"], f())
    assert {u.region_code[:4] for u in city} == {"5101"}
    assert register.coverage(pop.db, pop.actors["bur_cd"], f()).registered == 5


def test_register__xlsx_with_errors__reports_each_place_and_imports_nothing(pop: Population) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "名录"
    ws.append(["企业名称", "统一社会信用代码", "行政区划代码", "行业代码"])
    ws.append(["好企业", credit_code(7, "510104"), "510104", "34"])
    ws.append(["", "91510100MA61R8XK0X", "519999", "99"])
    ws.append(["重复", credit_code(7, "510104"), 510104, 34])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(RegisterFileError) as exc:
        register.import_register(pop.db, pop.actors["bur_sc"], "名录.xlsx", buf.getvalue())
    places = [p.place for p in exc.value.problems]
    assert "名录.xlsx › 名录 › 第3行 row 3 › 统一社会信用代码 credit code" in places
    assert "名录.xlsx › 名录 › 第3行 row 3 › 企业名称 name" in places
    assert "名录.xlsx › 名录 › 第3行 row 3 › 行政区划代码 region" in places
    assert "名录.xlsx › 名录 › 第3行 row 3 › 行业代码 industry" in places
    assert any(p.place.startswith("名录.xlsx › 名录 › 第4行") and "第2行" in p.zh for p in exc.value.problems)
    assert register.coverage(pop.db, pop.actors["bur_sc"], f()).registered == 0


def test_register__rows_outside_the_jurisdiction__refused_whole(pop: Population) -> None:
    with pytest.raises(RegisterFileError, match="第5行 row 5"):
        register.import_register(pop.db, pop.actors["bur_cd"], "x.csv", register_csv(pop))
    assert register.coverage(pop.db, pop.actors["bur_sc"], f()).registered == 0
    with pytest.raises(svc.PermissionDenied):
        register.import_register(pop.db, pop.actors["ent_jj1"], "x.csv", register_csv(pop))


def test_register__reimport__replaces_the_jurisdiction_list(pop: Population) -> None:
    register.import_register(pop.db, pop.actors["bur_sc"], "a.csv", register_csv(pop))
    rep = register.import_register(pop.db, pop.actors["bur_sc"], "b.csv", register_csv(pop, extra={"u1": ("510104", "34")}))
    assert (rep.added, rep.updated, rep.removed) == (0, 6, 2)
    assert register.coverage(pop.db, pop.actors["bur_sc"], f()).registered == 6


def test_candidates__tier_with_few_missing__lists_what_is_missing_and_the_consultant(pop: Population) -> None:
    rows = candidates.candidates(pop.db, pop.actors["bur_sc"], f(), rung_rank=2, max_missing=20)
    assert {c.name for c in rows} == {"企业jj1", "企业my2"}
    my2 = next(c for c in rows if c.name == "企业my2")
    assert my2.consultants == ("cons",) and my2.next_rung == "excellent"
    assert my2.missing and all(m.startswith("excellent.") for m in my2.missing)
    assert all(len(c.missing) <= 20 for c in rows)
    assert [c.name for c in candidates.candidates(pop.db, pop.actors["bur_cd"], f(), rung_rank=2, max_missing=20)] == ["企业jj1"]
    few = candidates.candidates(pop.db, pop.actors["bur_sc"], f(), rung_rank=2, max_missing=0)
    assert all(not c.missing for c in few)


def test_progress__province_targets__measured_on_the_newest_version(pop: Population) -> None:
    register.import_register(pop.db, pop.actors["bur_sc"], "a.csv", register_csv(pop))
    got = {p.target.id: p for p in candidates.progress(pop.db, pop.actors["bur_sc"], f())}
    assert got["diagnostic_coverage"].value == pytest.approx(62.5)
    assert got["advanced_factories"].value == 4 and got["advanced_factories"].questionnaire == Q
    assert got["ai_scenarios"].value == bureau.dashboard(pop.db, pop.actors["bur_sc"], f()).headline.scenarios_ai
    assert candidates.progress(pop.db, pop.actors["bur_cd"], f()) == []  # Chengdu has no targets file
