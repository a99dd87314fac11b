"""The layout of the offline Excel workbook, shared by the template writer and the importer.

A workbook made by ``sfa excel-template`` holds, for one questionnaire version:

* ``说明 Instructions`` — how to fill it in (Chinese, English beside it);
* ``企业信息 Enterprise`` — the enterprise profile (统一社会信用代码 matches the client);
* one sheet per section, named ``NN <section label>``: one row per question (a multiple
  choice question has one row per option, answered 是/否), the question id and option id
  in protected cells, the answer and a notes column open for typing;
* two hidden sheets: ``_sfa`` (format, questionnaire id and version — how the importer
  recognises the version) and ``_lists`` (the drop-down choices).

Answers are typed or picked as their Chinese label; the English label and the option id are
accepted too, so a workbook filled in either language imports the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.models import Question, Questionnaire, Section

FORMAT = "sfa-excel"
FORMAT_VERSION = 1
META_SHEET = "_sfa"
LISTS_SHEET = "_lists"
INSTRUCTIONS_SHEET = "说明 Instructions"
PROFILE_SHEET = "企业信息 Enterprise"
HEADER_ROW = 3
FIRST_ROW = 4

# section sheets: A id · B option · C question · D answer · E allowed · F notes
COL_ID, COL_OPTION, COL_QUESTION, COL_ANSWER, COL_ALLOWED, COL_NOTES = "A", "B", "C", "D", "E", "F"
SECTION_HEADERS = {
    COL_ID: ("题目编号", "Question id"),
    COL_OPTION: ("选项编号", "Option id"),
    COL_QUESTION: ("题目 / 选项", "Question / option"),
    COL_ANSWER: ("回答", "Answer"),
    COL_ALLOWED: ("可填写的内容", "What may be entered"),
    COL_NOTES: ("备注", "Notes"),
}
# profile sheet: A field · B item · C value · D hint
COL_FIELD, COL_ITEM, COL_VALUE, COL_HINT = "A", "B", "C", "D"
PROFILE_HEADERS = {
    COL_FIELD: ("字段", "Field"),
    COL_ITEM: ("项目", "Item"),
    COL_VALUE: ("填写", "Value"),
    COL_HINT: ("说明", "Hint"),
}
PROFILE_FIELDS: dict[str, tuple[str, str, str]] = {
    "name": ("企业名称", "Enterprise name", "与营业执照一致 / as on the business licence"),
    "credit_code": ("统一社会信用代码", "Unified social credit code", "18 位 / 18 characters"),
    "region": ("行政区划代码", "Region code (GB/T 2260)", "6 位数字，如 510100 / 6 digits, e.g. 510100"),
    "industry": ("国民经济行业代码", "Industry code (GB/T 4754)", "制造业大类 2 位，如 34 / 2-digit division, e.g. 34"),
    "size": ("企业规模", "Size class", "从下拉列表选择 / pick from the list"),
    "production_type": ("生产类型", "Production type", "从下拉列表选择 / pick from the list"),
}
YES, NO = "是", "否"
YES_WORDS = frozenset({"是", "yes", "y", "true", "1", "√", "✓", "选中", "有"})
NO_WORDS = frozenset({"否", "no", "n", "false", "0", "×", "无", "未选"})
MAX_NOTE = 2000
MAX_ROWS = 2000
"""A section sheet longer than this is not a template of ours (the longest has ~140 rows)."""


def section_sheet(index: int, s: Section) -> str:
    """The sheet name of a section: ``NN label`` without characters Excel forbids (≤ 31)."""
    label = "".join(ch for ch in s.label.zh if ch not in "[]:*?/\\")
    return f"{index + 1:02d} {label}"[:31]


def section_sheets(q: Questionnaire) -> dict[str, Section]:
    """Sheet name → section, in display order."""
    return {section_sheet(i, s): s for i, s in enumerate(q.sections)}


def expected_sheets(q: Questionnaire) -> list[str]:
    return [INSTRUCTIONS_SHEET, PROFILE_SHEET, *section_sheets(q), LISTS_SHEET, META_SHEET]


def choice_label(q: Question, value: str) -> str:
    """What the drop-down shows for option ``value`` of ``q`` (its Chinese label, unless two
    options share it, then ``label（value）``)."""
    opt = q.option(value)
    if opt is None:
        return value
    labels = [o.label.zh for o in q.options]
    return opt.label.zh if labels.count(opt.label.zh) == 1 else f"{opt.label.zh}（{opt.value}）"


def choice_labels(q: Question) -> list[str]:
    return [choice_label(q, o.value) for o in q.options]


def match_choice(q: Question, text: str) -> str | None:
    """The option value a typed text stands for: its drop-down label, Chinese or English
    label, or the option id (case and surrounding spaces ignored); None if none."""
    key = text.strip().casefold()
    for o in q.options:
        if key in {choice_label(q, o.value).casefold(), o.label.zh.strip().casefold(), o.label.en.strip().casefold(), o.value.casefold()}:
            return o.value
    return None


@dataclass(frozen=True)
class Row:
    """One data row of a section sheet: a question, or one option of a multiple choice."""

    question: Question
    option: str | None = None


def section_rows(s: Section) -> list[Row]:
    rows: list[Row] = []
    for q in s.questions:
        rows.append(Row(q))
        if q.kind == "multi":
            rows.extend(Row(q, o.value) for o in q.options)
    return rows
