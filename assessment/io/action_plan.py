"""One assessment as an editable action plan workbook: the roadmap with owner, due date and
status columns to fill in, the gaps, and the answers with their notes.

Everything written is data (never a formula): a text that starts with ``= + - @`` is stored
as a quote-prefixed string, so an organisation name or a note such as ``=HYPERLINK(…)``
cannot run as a formula when the workbook is opened (:func:`.excel_template.put`).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..engine.answers import check_answers
from ..engine.models import Profile, Question, Questionnaire
from ..engine.results import Result
from .excel_template import BOLD, HEAD_FILL, OPEN_FILL, TITLE, WRAP, put

PHASES = {"near": ("近期", "Near term"), "mid": ("中期", "Mid term"), "long": ("远期", "Long term")}
LEVELS = {"low": ("低", "low"), "medium": ("中", "medium"), "high": ("高", "high")}
STATUSES = ("未开始 Not started", "进行中 In progress", "已完成 Done", "暂缓 On hold")


def _both(pair: tuple[str, str]) -> str:
    return f"{pair[0]} {pair[1]}"


def _table(ws: Worksheet, title: str, headers: list[tuple[str, str, int]], rows: list[list[Any]]) -> None:
    ws["A1"] = title
    ws["A1"].font = TITLE
    for c, (zh, en, width) in enumerate(headers, start=1):
        cell = ws.cell(3, c, f"{zh}\n{en}")
        cell.font, cell.fill, cell.alignment = BOLD, HEAD_FILL, WRAP
        ws.column_dimensions[cell.column_letter].width = width
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row, start=1):
            put(ws, r, c, value).alignment = WRAP
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if rows:
        ws.auto_filter.ref = f"A3:{ws.cell(3, len(headers)).column_letter}{len(rows) + 3}"


def _answer(q: Question, value: Any) -> str:
    if value is None:
        return "未作答 unanswered"
    if q.kind == "yesno":
        return "是 yes" if value else "否 no"
    if q.kind == "single":
        o = q.option(str(value))
        return f"{o.label.zh} / {o.label.en}" if o else str(value)
    if q.kind == "multi":
        labels = [o.label.zh for o in q.options if o.value in value]
        return "；".join(labels) if labels else "无 none"
    if q.kind == "number":
        unit = f" {q.number.unit.zh}" if q.number and q.number.unit else ""
        return f"{value:g}{unit}"
    return str(value)


def write_action_plan(
    q: Questionnaire, result: Result, answers: Mapping[str, Any], profile: Profile, notes: Mapping[str, str] | None = None
) -> bytes:
    """The action-plan workbook (``.xlsx`` bytes) of one assessment."""
    notes = notes or {}
    checked = check_answers(q, answers)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "行动计划 Action plan"
    head = f"行动计划 Action plan · {profile.name or '—'} · {result.questionnaire} · {result.rung_label.zh} {result.rung_label.en}"
    rows = []
    for i, step in enumerate(result.roadmap, start=1):
        rows.append(
            [
                i,
                _both(PHASES.get(step.phase, (step.phase, step.phase))),
                f"{step.action.zh}\n{step.action.en}",
                f"{step.target.zh} / {step.target.en}" if step.target else "",
                "、".join(step.solutions),
                "\n".join(f"· {e.zh}" for e in step.evidence),
                _both(LEVELS[step.effort]),
                _both(LEVELS[step.impact]),
                None,
                None,
                STATUSES[0],
                None,
            ]
        )
    _table(
        ws,
        head,
        [
            ("序号", "No.", 6),
            ("阶段", "Phase", 12),
            ("行动", "Action", 48),
            ("目标", "Target", 26),
            ("典型方案", "Solutions", 18),
            ("佐证材料", "Evidence", 36),
            ("投入", "Effort", 10),
            ("影响", "Impact", 10),
            ("负责人", "Owner", 14),
            ("计划完成日期", "Due date", 14),
            ("状态", "Status", 16),
            ("备注", "Notes", 30),
        ],
        rows,
    )
    if rows:
        last = len(rows) + 3
        for col in ("I", "J", "K", "L"):
            for r in range(4, last + 1):
                ws[f"{col}{r}"].fill = OPEN_FILL
        status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True)
        due = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True, error="请填写日期 / enter a date")
        ws.add_data_validation(status)
        ws.add_data_validation(due)
        status.add(f"K4:K{last}")
        due.add(f"J4:J{last}")
        for r in range(4, last + 1):
            ws[f"J{r}"].number_format = "yyyy-mm-dd"

    gaps = wb.create_sheet("差距 Gaps")
    gap_rows = [
        [
            f"{g.rung_label.zh} {g.rung_label.en}",
            f"{g.label.zh}\n{g.label.en}",
            g.explanation.zh,
            "\n".join(f"· {it.label.zh}: {it.current.zh} → {it.target.zh}" for it in g.items),
            "是 yes" if g.blocks_next else "",
        ]
        for g in result.gaps
    ]
    _table(
        gaps,
        "差距 Gaps",
        [
            ("等级", "Rung", 14),
            ("差距", "Gap", 46),
            ("说明", "Explanation", 40),
            ("需改进的回答", "Answers to improve", 50),
            ("阻碍下一级", "Blocks next", 12),
        ],
        gap_rows,
    )

    sheet = wb.create_sheet("答卷 Answers")
    answer_rows = [
        [x.id, s.label.zh, f"{x.label.zh}\n{x.label.en}", _answer(x, checked.get(x.id)), notes.get(x.id, "")]
        for s in q.sections
        for x in s.questions
    ]
    _table(
        sheet,
        f"答卷 Answers · {result.questionnaire}",
        [("题目编号", "Question id", 24), ("章节", "Section", 16), ("题目", "Question", 56), ("回答", "Answer", 34), ("备注", "Notes", 40)],
        answer_rows,
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
