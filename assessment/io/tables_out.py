"""Writing tables for people: Excel (openpyxl) and CSV (UTF-8 with BOM, so Excel reads Chinese).

Each :class:`Sheet` becomes a worksheet with a bold, frozen header row and column widths set
from the header and the first rows. Text cells that a spreadsheet would read as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) are neutralised with a
leading apostrophe, so a company named ``=HYPERLINK(…)`` stays text (CSV injection).

>>> neutralise("=1+1"), neutralise("-5"), neutralise("成都"), neutralise(3)
("'=1+1", "'-5", '成都', 3)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | float | None


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]] = field(default_factory=list)


def neutralise(value: Cell) -> Cell:
    """``value`` safe for a spreadsheet cell (text starting like a formula gets a ``'``)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _width(values: Sequence[Cell]) -> float:
    longest = 0
    for v in values:
        text = "" if v is None else str(v)
        longest = max(longest, sum(2 if ord(ch) > 0x2E7F else 1 for ch in text))
    return float(min(60, max(8, longest + 2)))


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """An .xlsx workbook (write-only mode: memory stays flat for 100,000 rows)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:31])
        ws.freeze_panes = "A2"
        sample = sheet.rows[:200]
        for i, h in enumerate(sheet.headers):
            ws.column_dimensions[get_column_letter(i + 1)].width = _width([h, *(r[i] for r in sample)])
        header = []
        for h in sheet.headers:
            c = WriteOnlyCell(ws, value=h)
            c.font = bold
            header.append(c)
        ws.append(header)
        for row in sheet.rows:
            ws.append([neutralise(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_csv(sheet: Sheet) -> bytes:
    """One table as CSV, UTF-8 with BOM, CRLF line ends (what Excel expects)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(sheet.headers)
    for row in sheet.rows:
        w.writerow(["" if v is None else neutralise(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
