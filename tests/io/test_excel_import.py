"""Excel template → filled in as a person would → import: the same Result as the YAML path,
and every kind of bad cell or hostile workbook gives a located bilingual message."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from assessment import assess, load_questionnaire
from assessment.engine.models import Question, Questionnaire
from assessment.io import excel_layout as L
from assessment.io.answers_file import read_answers
from assessment.io.excel_import import read_workbook
from assessment.io.excel_template import write_template
from assessment.io.problems import FileProblems

from .excel_fill import edit, fill, row_of

EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"


@pytest.fixture(scope="module")
def sme() -> Questionnaire:
    return load_questionnaire("sme_digital")


@pytest.fixture(scope="module")
def sme_blank(sme: Questionnaire) -> bytes:
    return write_template(sme)


def problems(data: bytes, name: str = "c.xlsx") -> list[str]:
    with pytest.raises(FileProblems) as err:
        read_workbook(data, name)
    return [str(p) for p in err.value.problems]


def first(q: Questionnaire, kind: str, pred: Any = None) -> Question:
    return next(x for x in q.questions if x.kind == kind and (pred is None or pred(x)))


def sheet_of(q: Questionnaire, qid: str) -> str:
    return next(name for name, s in L.section_sheets(q).items() if any(x.id == qid for x in s.questions))


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_excel__template_filled_by_hand__imports_to_the_same_result_as_yaml(example: str) -> None:
    af = read_answers(EXAMPLES / example)
    q = load_questionnaire(af.questionnaire)
    lang = "en" if example.endswith(("basic.yaml", "level2.yaml")) else "zh"  # English labels are accepted too
    data = fill(write_template(q), q, af.answers, af.enterprise.model_dump(), lang)
    got = read_workbook(data, example)
    assert got.questionnaire == q.ref and got.read_as == q.ref and got.changes == ()
    assert got.enterprise == af.enterprise
    want = assess(q, af.answers, af.enterprise.profile())
    assert assess(load_questionnaire(got.questionnaire), got.answers, got.enterprise.profile()) == want


def test_excel__prefilled_template__round_trips_answers_and_notes(sme: Questionnaire) -> None:
    af = read_answers(EXAMPLES / "sme_digital_level3.yaml")
    qid = sme.questions[0].id
    data = write_template(sme, af.enterprise.model_dump(), af.answers, {qid: "=现场查看 ERP 截图"})
    got = read_workbook(data, "x.xlsx")
    assert got.notes == {qid: "=现场查看 ERP 截图"}  # kept as text, never a formula
    assert assess(sme, got.answers) == assess(sme, af.answers)


def test_excel__template__protects_ids_opens_answers_and_offers_drop_downs(sme: Questionnaire, sme_blank: bytes) -> None:
    wb = load_workbook(io.BytesIO(sme_blank))
    assert wb.sheetnames == L.expected_sheets(sme)
    assert wb[L.META_SHEET].sheet_state == "hidden" and wb[L.META_SHEET]["B4"].value == sme.version
    single = first(sme, "single")
    sheet = sheet_of(sme, single.id)
    ws = wb[sheet]
    row = row_of(sme_blank, sheet, single.id)
    assert ws.protection.sheet and ws[f"A{row}"].protection.locked and not ws[f"D{row}"].protection.locked
    lists = [dv for dv in ws.data_validations.dataValidation if f"D{row}" in dv.sqref]
    assert lists and lists[0].type == "list"
    assert ws.print_title_rows and ws.page_setup.orientation == "landscape"


def test_excel__bad_cells__each_located_with_what_was_expected(sme: Questionnaire, sme_blank: bytes) -> None:
    single = first(sme, "single")
    number = first(sme, "number", lambda x: x.number is not None and x.number.max is not None)
    multi = first(sme, "multi")
    s1, s2, s3 = sheet_of(sme, single.id), sheet_of(sme, number.id), sheet_of(sme, multi.id)
    r1, r2 = row_of(sme_blank, s1, single.id), row_of(sme_blank, s2, number.id)
    r3 = row_of(sme_blank, s3, multi.id, multi.options[0].value)
    assert number.number is not None and number.number.max is not None
    bad = edit(
        sme_blank,
        {
            (s1, f"D{r1}"): "差不多吧",
            (s2, f"D{r2}"): number.number.max + 1,
            (s3, f"D{r3}"): "也许",
            (s3, f"F{row_of(sme_blank, s3, multi.id)}"): "x" * 10_000,
            (L.PROFILE_SHEET, "C5"): "91510100MA61R8XK0X",
        },
    )
    found = problems(bad)
    assert len(found) == 5, found
    joined = "\n".join(found)
    assert f"c.xlsx › {s1} › 第 {r1} 行 row {r1} › D 列 column D（回答 Answer）: 应为下拉列表中的一项" in joined
    assert f"{s2} › 第 {r2} 行 row {r2} › D 列" in joined and "不能大于" in joined and "above the maximum" in joined
    assert f"{s3} › 第 {r3} 行" in joined and "应为「是」或「否」" in joined
    assert "备注最多 2000 字，当前 10000 字" in joined
    assert f"{L.PROFILE_SHEET} › 第 5 行 row 5 › C 列" in joined and "统一社会信用代码" in joined


def test_excel__wrong_types__text_in_number_and_date_in_choice(sme: Questionnaire, sme_blank: bytes) -> None:
    import datetime as dt

    number = first(sme, "number")
    single = first(sme, "single")
    s2, s1 = sheet_of(sme, number.id), sheet_of(sme, single.id)
    bad = edit(
        sme_blank,
        {(s2, f"D{row_of(sme_blank, s2, number.id)}"): "三十", (s1, f"D{row_of(sme_blank, s1, single.id)}"): dt.datetime(2025, 1, 1)},
    )
    joined = "\n".join(problems(bad))
    assert "应为数字（不带单位），得到 三十" in joined and "expected a number" in joined
    assert "应为下拉列表中的一项" in joined


def test_excel__formula_merged_cells_and_control_characters__refused(sme: Questionnaire, sme_blank: bytes) -> None:
    number = first(sme, "number")
    sheet = sheet_of(sme, number.id)
    row = row_of(sme_blank, sheet, number.id)
    wb = load_workbook(io.BytesIO(sme_blank))
    ws = wb[sheet]
    ws[f"D{row}"] = "=1+1"
    ws.merge_cells(f"D{row + 1}:F{row + 2}")
    ws[f"F{row}"] = "备注ZZBELLZZ"
    out = io.BytesIO()
    wb.save(out)
    joined = "\n".join(problems(out.getvalue()))
    assert f"第 {row} 行 row {row} › D 列" in joined and "不能是公式" in joined
    assert f"合并的单元格 D{row + 1}:F{row + 2}" in joined
    # a control character written into the XML by another program: refused as unreadable, located at the file
    src, bad = zipfile.ZipFile(io.BytesIO(out.getvalue())), io.BytesIO()
    with zipfile.ZipFile(bad, "w") as zf:
        for info in src.infolist():
            zf.writestr(info, src.read(info.filename).replace(b"ZZBELLZZ", b"&#x7;"))
    (only,) = problems(bad.getvalue())
    assert only.startswith("c.xlsx: 无法作为 Excel 工作簿读取")
    # a C1 control character is valid XML, so it reaches the reader and is refused at its cell
    (only,) = problems(edit(sme_blank, {(sheet, f"F{row}"): "备注\x9b31m"}))
    assert f"第 {row} 行 row {row} › F 列" in only and "控制字符" in only and "U+009B" in only


def test_excel__renamed_extra_and_missing_sheets__named(sme: Questionnaire, sme_blank: bytes) -> None:
    wb = load_workbook(io.BytesIO(sme_blank))
    wb.security = None
    names = list(L.section_sheets(sme))
    wb[names[0]].title = "我的表"
    wb.create_sheet("草稿")
    out = io.BytesIO()
    wb.save(out)
    joined = "\n".join(problems(out.getvalue()))
    assert f"缺少工作表「{names[0]}」" in joined and "c.xlsx › 草稿: 多余的工作表" in joined
    del wb["草稿"]
    out = io.BytesIO()
    wb.save(out)
    assert problems(out.getvalue()) == [
        f"c.xlsx › 我的表: 工作表名应为「{names[0]}」（请勿改名） / this sheet should be named '{names[0]}' (do not rename sheets)"
    ]


def test_excel__unknown_version__refused_with_the_installed_ones(sme_blank: bytes) -> None:
    bad = edit(sme_blank, {(L.META_SHEET, "B4"): "1999.9"})
    (only,) = problems(bad)
    assert "sme_digital@1999.9 未安装" in only and "installed: 2024.1" in only


def test_excel__moved_question_id__refused(sme: Questionnaire, sme_blank: bytes) -> None:
    s0 = next(iter(L.section_sheets(sme)))
    (only,) = problems(edit(sme_blank, {(s0, "A4"): "no.such.question"}))
    assert f"{s0} › 第 4 行 row 4 › A 列" in only and "no.such.question" in only


def test_excel__not_a_zip__and_not_a_workbook__located(tmp_path: Path) -> None:
    assert problems(b"PK\x03\x04 not really", "fake.xlsx")[0].startswith("fake.xlsx: 不是 Excel 工作簿")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert "xl/workbook.xml" in problems(buf.getvalue(), "z.xlsx")[0]


def test_excel__zip_bomb__refused_before_decompressing() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<x/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (120 * 2**20))
    assert len(buf.getvalue()) < 1_000_000
    (only,) = problems(buf.getvalue(), "bomb.xlsx")
    assert "zip 炸弹" in only and "zip bomb" in only


def test_excel__workbook_of_another_tool__refused(sme_blank: bytes) -> None:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    (only,) = problems(out.getvalue())
    assert "不是 sfa excel-template 生成的工作簿" in only


def test_excel__older_version_with_a_registered_migration__migrated_and_changes_reported(
    sme_blank: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assessment.io import excel_versions
    from assessment.io.excel_versions import Change

    def step(answers: dict[str, Any]) -> tuple[dict[str, Any], list[Change]]:
        return {**answers, "renamed": True}, [Change("base.network", "题目已改名", "question renamed")]

    monkeypatch.setattr(excel_versions, "MIGRATIONS", {"sme_digital@2024.1": ("sme_digital@2099.1", step)})
    got = read_workbook(sme_blank, "old.xlsx")
    assert (got.read_as, got.questionnaire) == ("sme_digital@2024.1", "sme_digital@2099.1")
    assert got.answers == {"renamed": True} and [c.en for c in got.changes] == ["question renamed"]


def test_excel__a_2025_1_workbook__migrated_by_the_questionnaires_mapping_with_its_notes() -> None:
    """A workbook made for smart_factory@2025.1 (consultants keep old templates) is read with
    2025.1 and carried to the newest version by questionnaires/migrations/: the same answers
    as the engine's migration, every change listed, notes moved with their question."""
    from assessment import catalog
    from assessment.engine.migration import migrate_answers

    old = load_questionnaire("smart_factory@2025.1")
    newest = load_questionnaire("smart_factory")
    assert newest.ref != old.ref
    mapping = catalog.load_migration(old.ref, newest.ref)
    split_id, parts = next(iter(mapping.split.items()))
    kept = next(x.id for x in old.questions if x.id in newest.question_index and x.kind == "single")
    answers = {x.id: True for x in old.questions if x.kind == "yesno"}
    answers[kept] = old.question(kept).options[-1].value
    notes = {split_id: "现场核查：三项均已落实", kept: "见 MES 截图"}
    got = read_workbook(write_template(old, {"name": "成都旧模板企业"}, answers, notes), "old-template.xlsx")

    assert (got.read_as, got.questionnaire) == (old.ref, newest.ref)
    want = migrate_answers(mapping, old, newest, answers)
    assert got.answers == want.answers
    assert all(got.answers[p] is True for p in parts)
    assert len(got.changes) == len(want.changes) > 0
    assert any(c.question_id == parts[0] and "拆分" in c.zh and "part" in c.en for c in got.changes)
    assert got.notes == {parts[0]: "现场核查：三项均已落实", kept: "见 MES 截图"}
    assess(newest, got.answers, got.enterprise.profile())  # a valid answer set of the new version


def test_excel__a_note_whose_question_is_gone__reported_not_carried(monkeypatch: pytest.MonkeyPatch) -> None:
    from assessment import catalog
    from assessment.engine.migration import AnswerMapping

    old = load_questionnaire("smart_factory@2025.1")
    real = catalog.load_migration(old.ref, "smart_factory@2025.2")
    gone = next(x.id for x in old.questions if x.kind == "single")
    fake = AnswerMapping.model_validate({**real.model_dump(by_alias=True), "removed": (gone,)})
    monkeypatch.setattr(catalog, "load_migration", lambda a, b: fake)
    got = read_workbook(write_template(old, {}, {gone: old.question(gone).options[0].value}, {gone: "这条备注不能悄悄消失"}), "x.xlsx")
    assert gone not in got.notes and gone not in got.answers
    assert any("备注未迁移" in c.zh and "这条备注不能悄悄消失" in c.zh and "note not carried over" in c.en for c in got.changes)
