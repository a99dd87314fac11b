"""Writing the offline Excel workbook of a questionnaire (any id and version).

``write_template(q)`` makes a blank workbook; with ``enterprise``, ``answers`` and ``notes``
it is pre-filled (a consultant takes last round's answers to the site). The layout is in
:mod:`.excel_layout`; what is protected: every cell but the answers, the notes and the
profile values (no password: the protection guards against slips, not against the user).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..engine.models import Question, Questionnaire
from ..refdata import load as load_refdata
from . import excel_layout as L

WRAP = Alignment(wrap_text=True, vertical="top")
HEAD_FILL = PatternFill("solid", fgColor="DDE4EE")
QUESTION_FILL = PatternFill("solid", fgColor="F3F5F8")
OPEN_FILL = PatternFill("solid", fgColor="FFF8DC")
OPEN = Protection(locked=False)
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
GREY = Font(color="808080", size=9)


def put(ws: Worksheet, row: int, col: int, value: Any) -> Any:
    """Write ``value`` into a cell; text is always stored as text, so one that starts with
    ``=`` (or ``+ - @``) is never taken for a formula by Excel (it is quote-prefixed)."""
    c = ws.cell(row, col)
    c.value = value
    if isinstance(value, str):
        c.data_type = "s"
        if value[:1] in ("=", "+", "-", "@"):
            c.quotePrefix = True
    return c


def _sheet_setup(ws: Worksheet, widths: dict[str, int], title_rows: str) -> None:
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    ws.freeze_panes = f"A{L.FIRST_ROW}"
    ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _header(ws: Worksheet, title: str, ref: str, headers: dict[str, tuple[str, str]]) -> None:
    ws["A1"] = title
    ws["A1"].font = TITLE
    ws["A2"] = f"问卷 Questionnaire: {ref}"
    ws["A2"].font = GREY
    for col, (zh, en) in headers.items():
        c = ws[f"{col}{L.HEADER_ROW}"]
        c.value = f"{zh}\n{en}"
        c.font, c.fill, c.alignment = BOLD, HEAD_FILL, WRAP


def _instructions(wb: Workbook, q: Questionnaire) -> None:
    ws = wb.active
    assert ws is not None
    ws.title = L.INSTRUCTIONS_SHEET
    lines = [
        (f"{q.title.zh}（{q.ref}）", q.title.en),
        ("填写说明", "How to fill in"),
        (
            "1. 在「企业信息」表填写企业名称、统一社会信用代码等；导入时按统一社会信用代码匹配客户企业。",
            "1. Fill in the enterprise sheet; on import the client is matched by its unified social credit code.",
        ),
        (
            "2. 每个章节一张表：在黄色的「回答」列选择或填写答案，在「备注」列写说明和佐证材料。",
            "2. One sheet per section: answer in the yellow Answer column, write remarks and evidence in Notes.",
        ),
        (
            "3. 选择题从下拉列表选择；多选题每个选项一行，选中的填「是」，未选的填「否」。",
            "3. Choices: pick from the drop-down; a multiple choice has one row per option, answer 是 (yes) or 否 (no).",
        ),
        (
            "4. 数字题只填数字（不带单位），范围见「可填写的内容」；是非题填「是」或「否」。",
            "4. Numbers: digits only, no unit, within the range shown; yes/no questions: 是 or 否.",
        ),
        (
            "5. 未填写的题目按最低水平计分。请勿修改题目编号、工作表名称，也不要合并单元格或使用公式。",
            "5. Unanswered counts as least mature. Do not change ids or sheet names, merge cells or use formulas.",
        ),
        (
            "6. 导入：sfa import 文件.xlsx，或在网页版「Excel 导入」上传。有任何错误时不保存，错误会指出工作表、行和列。",
            "6. Import with `sfa import file.xlsx` or upload it in the web app; nothing is saved while an error remains, "
            "and each error names its sheet, row and column.",
        ),
        ("自评结果不等于官方认定。", "A self-assessment is not an official recognition."),
    ]
    ws.column_dimensions["A"].width = 70
    ws.column_dimensions["B"].width = 70
    for i, (zh, en) in enumerate(lines, start=1):
        ws.cell(i, 1, zh).alignment = WRAP
        ws.cell(i, 2, en).alignment = WRAP
    ws["A1"].font = TITLE
    ws["A2"].font = BOLD
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    ws.protection.sheet = True


class _Lists:
    """Drop-down lists on the hidden ``_lists`` sheet, one column per distinct list."""

    def __init__(self, wb: Workbook) -> None:
        self.ws = wb.create_sheet(L.LISTS_SHEET)
        self.ws.sheet_state = "hidden"
        self.ws.protection.sheet = True
        self.columns: dict[tuple[str, ...], DataValidation] = {}
        self.targets: list[tuple[Worksheet, DataValidation]] = []

    def validation(self, ws: Worksheet, labels: list[str]) -> DataValidation:
        key = (ws.title, *labels)
        dv = self.columns.get(key)
        if dv is None:
            col = len(self.columns) + 1
            for r, label in enumerate(labels, start=1):
                put(self.ws, r, col, label)
            letter = self.ws.cell(1, col).column_letter
            dv = DataValidation(
                type="list",
                formula1=f"'{L.LISTS_SHEET}'!${letter}$1:${letter}${len(labels)}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="请从列表选择 / pick from the list",
                error="请从下拉列表中选择一项。/ Pick one item of the drop-down list.",
            )
            ws.add_data_validation(dv)
            self.columns[key] = dv
        return dv


def _profile(wb: Workbook, q: Questionnaire, enterprise: Mapping[str, str], lists: _Lists) -> None:
    ws = wb.create_sheet(L.PROFILE_SHEET, 1)
    _header(ws, "企业信息 Enterprise", q.ref, L.PROFILE_HEADERS)
    _sheet_setup(ws, {"A": 18, "B": 34, "C": 46, "D": 46}, f"{L.HEADER_ROW}:{L.HEADER_ROW}")
    ref = load_refdata()
    choices = {
        "size": [f"{e.name} {e.en}" for e in ref.sizes.values()],
        "production_type": [f"{e.name} {e.en}" for e in ref.production_types.values()],
    }
    ids = {"size": list(ref.sizes), "production_type": list(ref.production_types)}
    for r, (field, (zh, en, hint)) in enumerate(L.PROFILE_FIELDS.items(), start=L.FIRST_ROW):
        ws.cell(r, 1, field).font = GREY
        ws.cell(r, 2, f"{zh}\n{en}").alignment = WRAP
        value = enterprise.get(field, "") or ""
        if field in choices and value in ids[field]:
            value = choices[field][ids[field].index(value)]
        c = put(ws, r, 3, value or None)
        c.protection, c.fill, c.alignment, c.number_format = OPEN, OPEN_FILL, WRAP, "@"
        ws.cell(r, 4, hint).alignment = WRAP
        if field in choices:
            lists.validation(ws, choices[field]).add(c.coordinate)


def _allowed(q: Question) -> str:
    if q.kind == "single":
        return "下拉选择 / pick one:\n" + "\n".join(f"· {lab}" for lab in L.choice_labels(q))
    if q.kind == "multi":
        return "多选：在下面每个选项行填「是」或「否」/ several: answer 是 or 否 on each option row below"
    if q.kind == "yesno":
        return "是 / 否 (yes / no)"
    if q.kind == "number":
        spec = q.number
        unit = f" {spec.unit.zh}" if spec and spec.unit else ""
        lo = "" if spec is None or spec.min is None else f"{spec.min:g}"
        hi = "" if spec is None or spec.max is None else f"{spec.max:g}"
        whole = "整数 / whole number" if spec and spec.integer else "数字 / number"
        return f"{whole} {lo}–{hi}{unit}".rstrip()
    return f"文字，最多 {q.max_length} 字 / text, at most {q.max_length} characters"


def _answer_text(q: Question, value: Any, option: str | None) -> Any:
    if value is None:
        return None
    if option is not None:
        return L.YES if option in (value or ()) else L.NO
    if q.kind == "single":
        return L.choice_label(q, str(value))
    if q.kind == "yesno":
        return L.YES if value else L.NO
    if q.kind == "number":
        return value
    return str(value)


def _number_validation(q: Question) -> DataValidation | None:
    spec = q.number
    kind = "whole" if spec and spec.integer else "decimal"
    lo = None if spec is None else spec.min
    hi = None if spec is None else spec.max
    common: dict[str, Any] = {
        "type": kind,
        "allow_blank": True,
        "showErrorMessage": True,
        "errorTitle": "数字超出范围 / number out of range",
        "error": _allowed(q),
    }
    if lo is not None and hi is not None:
        return DataValidation(operator="between", formula1=f"{lo:g}", formula2=f"{hi:g}", **common)
    if lo is not None:
        return DataValidation(operator="greaterThanOrEqual", formula1=f"{lo:g}", **common)
    if hi is not None:
        return DataValidation(operator="lessThanOrEqual", formula1=f"{hi:g}", **common)
    return DataValidation(operator="between", formula1="-1E+300", formula2="1E+300", **common)


def _sections(wb: Workbook, q: Questionnaire, answers: Mapping[str, Any], notes: Mapping[str, str], lists: _Lists) -> None:
    for name, section in L.section_sheets(q).items():
        ws = wb.create_sheet(name, len(wb.sheetnames) - 1)
        _header(ws, f"{section.label.zh}  {section.label.en}", q.ref, L.SECTION_HEADERS)
        _sheet_setup(ws, {"A": 22, "B": 12, "C": 56, "D": 26, "E": 40, "F": 36}, f"{L.HEADER_ROW}:{L.HEADER_ROW}")
        yesno = lists.validation(ws, [L.YES, L.NO])
        text_len: dict[int, DataValidation] = {}
        for r, row in enumerate(L.section_rows(section), start=L.FIRST_ROW):
            qu = row.question
            ws.cell(r, 1, qu.id).font = GREY
            ws.cell(r, 2, row.option).font = GREY
            if row.option is None:
                label = f"{qu.label.zh}\n{qu.label.en}"
                if qu.show_if is not None:
                    label += "\n（视前面的回答而定 / depends on an earlier answer）"
                ws.cell(r, 3, label)
                ws.cell(r, 5, _allowed(qu)).alignment = WRAP
                for col in range(1, 7):
                    ws.cell(r, col).fill = QUESTION_FILL
                notes_cell = put(ws, r, 6, notes.get(qu.id) or None)
                notes_cell.protection, notes_cell.alignment = OPEN, WRAP
            else:
                opt = qu.option(row.option)
                assert opt is not None
                ws.cell(r, 3, f"    {opt.label.zh} / {opt.label.en}")
            ws.cell(r, 3).alignment = WRAP
            if qu.kind == "multi" and row.option is None:
                continue  # answered on the option rows
            c = put(ws, r, 4, _answer_text(qu, answers.get(qu.id), row.option))
            c.protection, c.fill, c.alignment = OPEN, OPEN_FILL, WRAP
            if row.option is not None or qu.kind == "yesno":
                yesno.add(c.coordinate)
            elif qu.kind == "single":
                lists.validation(ws, L.choice_labels(qu)).add(c.coordinate)
            elif qu.kind == "number":
                dv = _number_validation(qu)
                if dv is not None:
                    ws.add_data_validation(dv)
                    dv.add(c.coordinate)
            else:
                c.number_format = "@"
                dv = text_len.get(qu.max_length)
                if dv is None:
                    dv = text_len[qu.max_length] = DataValidation(
                        type="textLength", operator="lessThanOrEqual", formula1=str(qu.max_length), allow_blank=True
                    )
                    ws.add_data_validation(dv)
                dv.add(c.coordinate)


def _meta(wb: Workbook, q: Questionnaire) -> None:
    ws = wb.create_sheet(L.META_SHEET)
    ws.sheet_state = "hidden"
    for r, (k, v) in enumerate(
        (("format", L.FORMAT), ("format_version", L.FORMAT_VERSION), ("questionnaire", q.id), ("version", q.version)), start=1
    ):
        ws.cell(r, 1, k)
        ws.cell(r, 2, v)
    ws.protection.sheet = True


def write_template(
    q: Questionnaire,
    enterprise: Mapping[str, str] | None = None,
    answers: Mapping[str, Any] | None = None,
    notes: Mapping[str, str] | None = None,
) -> bytes:
    """The workbook of ``q`` as ``.xlsx`` bytes, blank or pre-filled."""
    wb = Workbook()
    _instructions(wb, q)
    lists = _Lists(wb)
    _profile(wb, q, enterprise or {}, lists)
    _sections(wb, q, answers or {}, notes or {}, lists)
    _meta(wb, q)
    wb.security = WorkbookProtection(lockStructure=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
