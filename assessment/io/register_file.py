"""Reading a bureau's register of 规上 industrial enterprises (企业名录) from Excel or CSV.

Four columns, found by their header in the first row (Chinese or English, any order; other
columns are ignored)::

    统一社会信用代码 | 企业名称 | 行政区划代码 | 行业代码
    credit_code      | name     | region       | industry

Every problem is reported with its place — ``file › sheet › row › column: expected …`` in
Chinese with English beside it — and the caller imports nothing while any remains: a wrong
check character, a region that is not a GB/T 2260 code, an industry outside GB/T 4754
divisions 13–43, an empty name, a credit code listed twice.

CSV: UTF-8 (with or without BOM) or GB18030 (what Excel on a Chinese Windows writes).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..codes import credit_code_problem
from ..refdata import industry_problem, region_problem

COLUMNS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "credit_code": ("统一社会信用代码", "credit code", ("统一社会信用代码", "信用代码", "credit_code", "credit code")),
    "name": ("企业名称", "name", ("企业名称", "名称", "name", "enterprise")),
    "region": ("行政区划代码", "region", ("行政区划代码", "行政区划", "所在地区代码", "region", "region_code")),
    "industry": ("行业代码", "industry", ("行业代码", "国民经济行业代码", "行业", "industry", "industry_code")),
}
MAX_ROWS = 200_000


@dataclass(frozen=True)
class RegisterRow:
    row: int
    credit_code: str
    name: str
    region_code: str
    industry_code: str


@dataclass(frozen=True)
class Problem:
    place: str
    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.place}: {self.zh} / {self.en}"


class RegisterFileError(ValueError):
    """The file has problems; ``problems`` lists each with its place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        more = f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__("; ".join(str(p) for p in problems[:5]) + more)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores a code typed as a number as 510100.0
    return str(value).strip()


def _table(filename: str, data: bytes) -> tuple[str, list[list[str]]]:
    """(sheet name or '', rows of cells) of an .xlsx or .csv file."""
    lower = filename.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a damaged or non-xlsx file
            raise RegisterFileError(
                [Problem(filename, "无法读取 Excel 文件（需为 .xlsx）", "cannot read the Excel file (.xlsx expected)")]
            ) from None
        ws = wb.worksheets[0]
        rows = [[_cell(v) for v in r] for r in ws.iter_rows(values_only=True, max_row=MAX_ROWS + 1)]
        wb.close()
        return ws.title, rows
    if lower.endswith((".csv", ".txt")):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise RegisterFileError([Problem(filename, "文件编码无法识别（请用 UTF-8）", "unknown text encoding (use UTF-8)")])
        return "", [[c.strip() for c in r] for r in csv.reader(io.StringIO(text))]
    raise RegisterFileError([Problem(filename, "请上传 .xlsx 或 .csv 文件", "upload an .xlsx or .csv file")])


def read_register(filename: str, data: bytes) -> list[RegisterRow]:
    """The rows of a register file; :class:`RegisterFileError` listing every problem."""
    sheet, rows = _table(filename, data)
    where = f"{filename} › {sheet}" if sheet else filename
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise RegisterFileError([Problem(where, "文件为空", "the file is empty")])
    header = [h.strip().lower() for h in rows[0]]
    index: dict[str, int] = {}
    problems: list[Problem] = []
    for key, (zh, en, names) in COLUMNS.items():
        found = next((i for i, h in enumerate(header) if h in {n.lower() for n in names}), None)
        if found is None:
            problems.append(Problem(f"{where} › 第1行 row 1", f"缺少列「{zh}」", f"missing column '{en}'"))
        else:
            index[key] = found
    if problems:
        raise RegisterFileError(problems)
    if len(rows) - 1 > MAX_ROWS:
        raise RegisterFileError([Problem(where, f"最多 {MAX_ROWS} 行", f"at most {MAX_ROWS} rows")])
    out: list[RegisterRow] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(rows[1:], start=2):
        if not any(raw):
            continue
        cells = {k: (raw[i] if i < len(raw) else "") for k, i in index.items()}
        code, name = cells["credit_code"].upper(), cells["name"]
        region, industry = cells["region"], cells["industry"]

        def bad(key: str, zh: str, en: str, n: int = n) -> None:
            czh, cen, _ = COLUMNS[key]
            problems.append(Problem(f"{where} › 第{n}行 row {n} › {czh} {cen}", zh, en))

        if (p := credit_code_problem(code)) is not None:
            bad("credit_code", "不是有效的统一社会信用代码", p)
        elif code in seen:
            bad("credit_code", f"与第{seen[code]}行重复", f"same as row {seen[code]}")
        else:
            seen[code] = n
        if not name:
            bad("name", "企业名称为空", "the name is empty")
        elif len(name) > 200:
            bad("name", "企业名称最多 200 字", "at most 200 characters")
        elif any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
            bad("name", "企业名称含控制字符", "the name contains control characters")
        if (p := region_problem(region)) is not None:
            bad("region", "应为 GB/T 2260 行政区划代码（6 位）", p)
        if (p := industry_problem(industry)) is not None:
            bad("industry", "应为 GB/T 4754 制造业大类代码（13–43）", p)
        out.append(RegisterRow(n, code, name, region, industry[:2]))
    if problems:
        raise RegisterFileError(problems)
    if not out:
        raise RegisterFileError([Problem(where, "没有数据行", "no data rows")])
    return out
