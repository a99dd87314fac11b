"""Filling a template the way a person does: open it with openpyxl, type labels into cells."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook

from assessment.engine.models import Questionnaire
from assessment.io import excel_layout as L


def fill(template: bytes, q: Questionnaire, answers: dict[str, Any], enterprise: dict[str, str], lang: str = "zh") -> bytes:
    """Type ``answers`` (engine values) and ``enterprise`` into a blank template."""
    wb = load_workbook(io.BytesIO(template))
    ws = wb[L.PROFILE_SHEET]
    for row in range(L.FIRST_ROW, ws.max_row + 1):
        key = ws[f"A{row}"].value
        if enterprise.get(key):
            ws[f"C{row}"] = enterprise[key]
    for name in L.section_sheets(q):
        ws = wb[name]
        for row in range(L.FIRST_ROW, ws.max_row + 1):
            qid, opt = ws[f"A{row}"].value, ws[f"B{row}"].value
            question = q.question(qid)
            value = answers.get(qid)
            if value is None or (question.kind == "multi" and opt is None):
                continue
            cell = ws[f"D{row}"]
            if opt is not None:
                cell.value = "是" if opt in value else ("no" if lang == "en" else "否")
            elif question.kind == "single":
                o = question.option(value)
                assert o is not None
                cell.value = o.label.en if lang == "en" else L.choice_label(question, value)
            elif question.kind == "yesno":
                cell.value = ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
            else:
                cell.value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def edit(data: bytes, changes: dict[tuple[str, str], Any]) -> bytes:
    """Set cells: ``{(sheet, "D5"): value}``."""
    wb = load_workbook(io.BytesIO(data))
    for (sheet, coord), value in changes.items():
        wb[sheet][coord] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row_of(data: bytes, sheet: str, qid: str, option: str | None = None) -> int:
    wb = load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    for row in range(L.FIRST_ROW, ws.max_row + 1):
        if ws[f"A{row}"].value == qid and ws[f"B{row}"].value == option:
            return row
    raise AssertionError(f"{qid} not in {sheet}")
