"""Reading a filled-in workbook back: answers, notes and the enterprise profile.

``read_workbook(data, name)`` checks everything before returning and raises
:class:`~.problems.FileProblems` listing *every* problem, each located as
``file › sheet › row › column: expected …`` in Chinese and English. Nothing is half read: a
caller that catches the error has nothing to save.

Refused, with a located message: a file that is not an ``.xlsx`` zip or expands like a zip
bomb (:mod:`.excel_safety`); a workbook not made by ``sfa excel-template``; an unknown
questionnaire or version; missing, renamed or extra sheets; merged cells; formulas; error
values; answers of the wrong type, out of bounds or not among the choices; over-long texts
and control characters (C0 ones cannot pass the XML parser: such a file is refused as
unreadable; C1 ones such as U+009B are refused at their cell); unknown or repeated question ids.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from .. import catalog
from ..codes import credit_code_problem
from ..engine.answers import AnswerError, check_answer
from ..engine.loader import QuestionnaireError
from ..engine.models import Question, Questionnaire
from ..engine.text import control_problem
from ..refdata import industry_problem, region_problem
from ..refdata import load as load_refdata
from . import excel_layout as L
from .answers_file import Enterprise
from .excel_safety import check_archive
from .excel_versions import Change, migrate
from .problems import FileProblems, Problem, quote


@dataclass(frozen=True)
class ImportedWorkbook:
    """What a workbook says, checked: ready to assess or to save."""

    source: str
    questionnaire: str
    enterprise: Enterprise
    answers: dict[str, Any]
    notes: dict[str, str] = field(default_factory=dict)
    read_as: str = ""
    """The version the workbook was made for (differs from ``questionnaire`` after a migration)."""
    changes: tuple[Change, ...] = ()


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def add(self, zh: str, en: str, sheet: str = "", row: int | None = None, column: str = "", title: str = "") -> None:
        self.problems.append(Problem(self.name, zh, en, sheet, row, column, title))

    def raw(self, ws: Any, row: int, col: str, title: str) -> Any:
        """The literal value of a cell; formulas, error values and control characters are problems."""
        cell = ws[f"{col}{row}"]
        value = cell.value
        if value is None:
            return None
        if cell.data_type == "f" or not isinstance(value, (str, int, float, bool, dt.datetime, dt.date, dt.time, dt.timedelta)):
            self.add(
                "应为填写的值，不能是公式；请删除公式，直接填写结果", "expected a typed value, not a formula", ws.title, row, col, title
            )
            return None
        if cell.data_type == "e":
            self.add(
                f"单元格为错误值 {quote(value)}，应为填写的值", f"the cell holds the error value {quote(value)}", ws.title, row, col, title
            )
            return None
        if isinstance(value, str):
            problem = control_problem(value, multiline=True)
            if problem is not None:
                self.add(f"含有控制字符：{problem[0]}", problem[1], ws.title, row, col, title)
                return None
            value = value.strip()
            return value or None
        return value


def _open(data: bytes, name: str) -> Any:
    problem = check_archive(data, name)
    if problem is not None:
        raise FileProblems([problem])
    from openpyxl import load_workbook  # openpyxl uses defusedxml when it is installed (it is a dependency)

    try:
        return load_workbook(io.BytesIO(data), data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; all mean the same to a user
        raise FileProblems(
            [
                Problem(
                    name,
                    f"无法作为 Excel 工作簿读取（{type(exc).__name__}）",
                    f"cannot be read as an Excel workbook ({type(exc).__name__}: {quote(str(exc))})",
                )
            ]
        ) from None


def _questionnaire(wb: Any, r: _Reader) -> Questionnaire:
    if L.META_SHEET not in wb.sheetnames:
        r.add(
            f"缺少隐藏的「{L.META_SHEET}」工作表：不是 sfa excel-template 生成的工作簿，无法识别问卷版本",
            f"no hidden '{L.META_SHEET}' sheet: not a workbook made by sfa excel-template, so its questionnaire version is unknown",
        )
        raise FileProblems(r.problems)
    ws = wb[L.META_SHEET]
    meta = {str(ws.cell(i, 1).value): ws.cell(i, 2).value for i in range(1, 10) if ws.cell(i, 1).value is not None}
    if meta.get("format") != L.FORMAT:
        r.add("不是 sfa excel-template 生成的工作簿", "not a workbook made by sfa excel-template", L.META_SHEET, 1, "B")
        raise FileProblems(r.problems)
    if meta.get("format_version") != L.FORMAT_VERSION:
        r.add(
            f"工作簿格式版本为 {quote(meta.get('format_version'))}，本程序读取第 {L.FORMAT_VERSION} 版；请用 sfa excel-template 重新生成",
            f"workbook format {quote(meta.get('format_version'))}; this program reads format {L.FORMAT_VERSION}",
            L.META_SHEET,
            2,
            "B",
        )
        raise FileProblems(r.problems)
    qid, version = str(meta.get("questionnaire") or ""), str(meta.get("version") or "")
    known = catalog.available()
    if qid not in known:
        r.add(
            f"未知问卷 {quote(qid)}；已安装：{', '.join(known)}",
            f"unknown questionnaire {quote(qid)}; installed: {', '.join(known)}",
            L.META_SHEET,
            3,
            "B",
        )
        raise FileProblems(r.problems)
    if version not in known[qid]:
        r.add(
            f"问卷版本 {qid}@{quote(version)} 未安装，也没有可用的迁移；已安装版本：{', '.join(known[qid])}。请用当前版本的模板重新填写",
            f"questionnaire version {qid}@{quote(version)} is not installed and no migration is known; installed: {', '.join(known[qid])}",
            L.META_SHEET,
            4,
            "B",
        )
        raise FileProblems(r.problems)
    try:
        return catalog.load_questionnaire(f"{qid}@{version}")
    except QuestionnaireError as exc:
        r.add(f"问卷无法加载：{exc.problems[0]}", f"cannot load the questionnaire: {exc.problems[0]}", L.META_SHEET, 4, "B")
        raise FileProblems(r.problems) from None


def _sheets(wb: Any, q: Questionnaire, r: _Reader) -> None:
    expected = L.expected_sheets(q)
    missing = [s for s in expected if s not in wb.sheetnames]
    extra = [s for s in wb.sheetnames if s not in expected]
    if len(missing) == 1 and len(extra) == 1:
        r.add(f"工作表名应为「{missing[0]}」（请勿改名）", f"this sheet should be named '{missing[0]}' (do not rename sheets)", extra[0])
        return
    for s in missing:
        r.add(f"缺少工作表「{s}」（被删除或改名？）", f"sheet '{s}' is missing (deleted or renamed?)", s)
    for s in extra:
        r.add("多余的工作表：请删除，或把内容移到「备注」列", "unexpected sheet: delete it or move its content into a Notes column", s)


def _merged(ws: Any, r: _Reader) -> None:
    for rng in ws.merged_cells.ranges:
        r.add(
            f"合并的单元格 {rng.coord}：请取消合并",
            f"merged cells {rng.coord}: unmerge them",
            ws.title,
            rng.min_row,
            rng.coord.split(":")[0].rstrip("0123456789"),
        )


def _profile(wb: Any, r: _Reader) -> Enterprise:
    ws = wb[L.PROFILE_SHEET]
    title = "填写 Value"
    ref = load_refdata()
    values: dict[str, str] = {}
    seen: set[str] = set()
    for row in range(L.FIRST_ROW, min(ws.max_row, 200) + 1):
        key = r.raw(ws, row, L.COL_FIELD, "字段 Field")
        if key is None:
            continue
        if key not in L.PROFILE_FIELDS or key in seen:
            r.add(
                f"未知或重复的字段 {quote(key)}（请勿修改 A 列）",
                f"unknown or repeated field {quote(key)} (do not edit column A)",
                ws.title,
                row,
                L.COL_FIELD,
            )
            continue
        seen.add(key)
        v = r.raw(ws, row, L.COL_VALUE, title)
        if v is None:
            continue
        if isinstance(v, bool) or isinstance(v, (dt.date, dt.time, dt.timedelta)):
            r.add("应为文字或代码", f"expected text or a code, got {quote(v)}", ws.title, row, L.COL_VALUE, title)
            continue
        text = str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
        problem = _profile_problem(key, text, ref)
        if problem is not None:
            r.add(problem[0], problem[1], ws.title, row, L.COL_VALUE, title)
            continue
        values[key] = _profile_value(key, text, ref)
    return Enterprise(**values)


def _profile_value(key: str, text: str, ref: Any) -> str:
    table = {"size": ref.sizes, "production_type": ref.production_types}.get(key)
    if table is None:
        return text.upper() if key == "credit_code" else text
    key_text = text.casefold()
    for code, e in table.items():
        if key_text in {code.casefold(), e.name.casefold(), e.en.casefold(), f"{e.name} {e.en}".casefold()}:
            return str(code)
    return text


def _profile_problem(key: str, text: str, ref: Any) -> tuple[str, str] | None:
    if key == "name" and len(text) > 200:
        return (f"企业名称最多 200 字，当前 {len(text)} 字", f"at most 200 characters, got {len(text)}")
    if key == "credit_code":
        p = credit_code_problem(text)
        return (
            None
            if p is None
            else (f"应为有效的 18 位统一社会信用代码，得到 {quote(text)}", f"expected a valid unified social credit code: {p}")
        )
    if key == "region":
        p = region_problem(text, ref)
        return None if p is None else (f"应为 6 位 GB/T 2260 行政区划代码，得到 {quote(text)}", f"expected a GB/T 2260 region code: {p}")
    if key == "industry":
        p = industry_problem(text, ref)
        return (
            None
            if p is None
            else (f"应为 GB/T 4754 制造业行业代码（13–43），得到 {quote(text)}", f"expected a GB/T 4754 manufacturing code: {p}")
        )
    if (
        key in ("size", "production_type")
        and _profile_value(key, text, ref) == text
        and text not in (ref.sizes if key == "size" else ref.production_types)
    ):
        table = ref.sizes if key == "size" else ref.production_types
        allowed = "、".join(e.name for e in table.values())
        return (f"应为下拉列表中的一项（{allowed}），得到 {quote(text)}", f"expected one of {', '.join(table)}, got {quote(text)}")
    return None


def _value(q: Question, v: Any, option: str | None) -> tuple[Any, tuple[str, str] | None]:
    """The answer a cell stands for, or (None, (zh, en) problem)."""
    if option is not None or q.kind == "yesno":
        if isinstance(v, bool):
            return v, None
        word = str(int(v)) if isinstance(v, (int, float)) and float(v).is_integer() else str(v)
        if word.strip().casefold() in L.YES_WORDS:
            return True, None
        if word.strip().casefold() in L.NO_WORDS:
            return False, None
        return None, (f"应为「是」或「否」，得到 {quote(v)}", f"expected 是 (yes) or 否 (no), got {quote(v)}")
    if q.kind == "single":
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            return None, (f"应为下拉列表中的一项，得到 {quote(v)}", f"expected an item of the drop-down list, got {quote(v)}")
        text = str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
        value = L.match_choice(q, text)
        if value is None:
            allowed = "、".join(L.choice_labels(q))
            return None, (
                f"应为下拉列表中的一项（{allowed}），得到 {quote(v)}",
                f"expected one of: {', '.join(o.label.en for o in q.options)}; got {quote(v)}",
            )
        return value, None
    if q.kind == "number":
        if isinstance(v, str):
            try:
                v = float(v.replace(",", "").replace("，", "").rstrip("%"))
            except ValueError:
                return None, (f"应为数字（不带单位），得到 {quote(v)}", f"expected a number without unit, got {quote(v)}")
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return None, (f"应为数字，得到 {quote(v)}（日期或时间不是数字）", f"expected a number, got {quote(v)}")
        if isinstance(v, float) and v.is_integer() and q.number is not None and q.number.integer:
            v = int(v)
        return v, None
    # text
    if isinstance(v, (dt.date, dt.time, dt.timedelta)) or isinstance(v, bool):
        return None, (f"应为文字，得到 {quote(v)}", f"expected text, got {quote(v)}")
    return (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)), None


def _section(ws: Any, q: Questionnaire, section_ids: set[str], r: _Reader, answers: dict[str, Any], notes: dict[str, str]) -> None:
    answer_title = "回答 Answer"
    if ws.max_row > L.MAX_ROWS + L.FIRST_ROW:
        r.add(f"行数过多（{ws.max_row} 行），不是本工具生成的工作表", f"too many rows ({ws.max_row}); not a sheet of this tool", ws.title)
        return
    picked: dict[str, set[str]] = {}
    multi_seen: dict[str, bool] = {}
    seen: set[tuple[str, str | None]] = set()
    for row in range(L.FIRST_ROW, ws.max_row + 1):
        qid = r.raw(ws, row, L.COL_ID, "题目编号 Question id")
        opt = r.raw(ws, row, L.COL_OPTION, "选项编号 Option id")
        if qid is None:
            for col in (L.COL_ANSWER, L.COL_NOTES):
                if ws[f"{col}{row}"].value is not None:
                    r.add(
                        "这一行没有题目编号，填写的内容无法对应到题目",
                        "this row has no question id; its content belongs to no question",
                        ws.title,
                        row,
                        col,
                    )
            continue
        question = q.question_index.get(str(qid))
        if question is None or question.id not in section_ids:
            where = "问卷中没有此题目编号" if question is None else "此题不属于本工作表的章节"
            r.add(
                f"{where}：{quote(qid)}（请勿修改 A 列）",
                f"question id {quote(qid)} is not in this section (do not edit column A)",
                ws.title,
                row,
                L.COL_ID,
            )
            continue
        if opt is not None and (question.kind != "multi" or question.option(str(opt)) is None):
            r.add(
                f"题目 {question.id} 没有选项 {quote(opt)}（请勿修改 B 列）",
                f"question {question.id} has no option {quote(opt)}",
                ws.title,
                row,
                L.COL_OPTION,
            )
            continue
        key = (question.id, None if opt is None else str(opt))
        if key in seen:
            r.add(f"题目 {question.id} 重复出现", f"question {question.id} appears twice", ws.title, row, L.COL_ID)
            continue
        seen.add(key)
        if opt is None:
            note = r.raw(ws, row, L.COL_NOTES, "备注 Notes")
            if note is not None:
                text = str(note)
                if len(text) > L.MAX_NOTE:
                    r.add(
                        f"备注最多 {L.MAX_NOTE} 字，当前 {len(text)} 字",
                        f"a note has at most {L.MAX_NOTE} characters, got {len(text)}",
                        ws.title,
                        row,
                        L.COL_NOTES,
                    )
                else:
                    notes[question.id] = text
        if question.kind == "multi" and opt is None:
            continue
        v = r.raw(ws, row, L.COL_ANSWER, answer_title)
        if v is None:
            continue
        value, problem = _value(question, v, None if opt is None else str(opt))
        if problem is not None:
            r.add(problem[0], problem[1], ws.title, row, L.COL_ANSWER, answer_title)
            continue
        if opt is not None:
            multi_seen[question.id] = True
            if value:
                picked.setdefault(question.id, set()).add(str(opt))
            continue
        try:
            answers[question.id] = check_answer(question, value)
        except AnswerError as exc:
            r.add(exc.message_zh, exc.message, ws.title, row, L.COL_ANSWER, answer_title)
    for qid in multi_seen:
        question = q.question(qid)
        answers[qid] = tuple(o.value for o in question.options if o.value in picked.get(qid, set()))


def read_workbook(data: bytes, name: str) -> ImportedWorkbook:
    """Read and check a filled-in workbook; :class:`FileProblems` lists every problem."""
    r = _Reader(name)
    wb = _open(data, name)
    q = _questionnaire(wb, r)
    _sheets(wb, q, r)
    answers: dict[str, Any] = {}
    notes: dict[str, str] = {}
    enterprise = Enterprise()
    sheets = L.section_sheets(q)
    for ws in wb.worksheets:
        if ws.title in (L.LISTS_SHEET, L.META_SHEET, L.INSTRUCTIONS_SHEET):
            continue
        _merged(ws, r)
        if ws.title == L.PROFILE_SHEET:
            enterprise = _profile(wb, r)
        elif ws.title in sheets:
            _section(ws, q, {x.id for x in sheets[ws.title].questions}, r, answers, notes)
    if r.problems:
        raise FileProblems(r.problems)
    plain = {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}
    try:
        final, migrated, notes, changes = migrate(q.ref, plain, notes)
    except QuestionnaireError as exc:
        r.add(f"无法迁移到新版本问卷：{exc.problems[0]}", f"cannot migrate to the newer version: {exc.problems[0]}", L.META_SHEET)
        raise FileProblems(r.problems) from None
    return ImportedWorkbook(name, final, enterprise, migrated, notes, q.ref, tuple(changes))


def read_workbook_file(path: Any) -> ImportedWorkbook:
    """:func:`read_workbook` of a file on disk (a missing or unreadable file is a problem too)."""
    from pathlib import Path

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise FileProblems(
            [Problem(str(p), f"无法读取文件（{exc.strerror or exc}）", f"cannot read the file ({exc.strerror or exc})")]
        ) from None
    return read_workbook(data, str(p))
