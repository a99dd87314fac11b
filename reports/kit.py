"""The toolkit every report section uses: language, fonts, styles, safe paragraphs, tables.

Rule of the house: a string reaches a ``Paragraph`` only through :meth:`Kit.p` (untrusted or
data text, escaped) or :meth:`Kit.pm` with markup built from :meth:`Kit.m` pieces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from assessment.engine.base import Text

from .document import Heading, Para
from .fonts import FontSet
from .i18n import Lang, tr
from .styles import GREY_LIGHT, NAVY, RULE, TEAL, WIDTH, Styles
from .text import markup, plain


class WidowlessTable(Table):  # type: ignore[misc]  # reportlab ships no type hints
    """A table that never leaves a single data row alone on a page: when a split would put
    one row (besides the repeated header) at the top of the next page, or keep only one on
    this page, it moves one more row over, or the whole table."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        first, second = parts
        n_first, n_second = len(getattr(first, "_cellvalues", ())) - head, len(getattr(second, "_cellvalues", ())) - head
        if n_first <= 1:
            return []  # the whole table goes to the next page
        if n_second == 1 and n_first >= 3:
            heights = getattr(first, "_rowHeights", None) or []
            if heights:
                return list(super().split(availWidth, availHeight - float(heights[-1]) - 0.5))
        return parts


def hexcolor(c: colors.Color) -> str:
    return "#" + str(c.hexval())[2:]


@dataclass(frozen=True)
class Kit:
    lang: Lang
    fonts: FontSet
    st: Styles
    heading_offset: int = 0  # 1 in a combined report, whose parts are the top outline level

    # --- text ---------------------------------------------------------------------
    def t(self, key: str, **kw: object) -> str:
        """A fixed string of the report (plain text)."""
        return tr(key, self.lang, **kw)

    def x(self, text: Text | None) -> str:
        """A data text in the report's language (plain text)."""
        return text.get(self.lang) if text is not None else ""

    def m(self, text: str | None, bold: bool = False) -> str:
        """Escaped markup for ``text`` (``bold`` when the paragraph style is the bold face)."""
        return markup(text, self.fonts, bold)

    def plain(self, text: str | None) -> str:
        return plain(text, self.fonts)

    def p(self, text: str | None, style: Any = None) -> Paragraph:
        """A paragraph showing ``text`` literally."""
        style = style or self.st.body
        return Para(self.m(text, style.fontName == self.fonts.bold), style)

    def pm(self, markup_text: str, style: Any = None) -> Paragraph:
        """A paragraph from markup built with :meth:`m` pieces."""
        return Para(markup_text, style or self.st.body)

    def b(self, text: str | None) -> str:
        return f"<b>{self.m(text)}</b>" if text else ""

    def color(self, text: str | None, c: colors.Color) -> str:
        return f'<font color="{hexcolor(c)}">{self.m(text)}</font>' if text else ""

    def muted(self, text: str | None) -> str:
        return f'<font color="#5F6B7A">{self.m(text)}</font>' if text else ""

    # --- headings -----------------------------------------------------------------
    def h(self, level: int, text: str, outline: bool = True, room: float = 0) -> list[Flowable]:
        """A heading at ``level`` (1, 2, 3) shifted by the report's offset; 1 and 2 are bookmarked.
        It starts a new page unless ``room`` points (default by level) are left below it."""
        lvl = min(level + self.heading_offset, 3)
        style = {1: self.st.h1, 2: self.st.h2, 3: self.st.h3}[lvl]
        room = room or {1: 200, 2: 130, 3: 90}[lvl]
        flow: Flowable
        if outline and lvl <= 2:
            flow = Heading(self.m(text, True), style, self.plain(text), lvl - 1)
        else:
            flow = Para(self.m(text, True), style)
        return [CondPageBreak(room), flow]

    # --- numbers ------------------------------------------------------------------
    @staticmethod
    def num(x: float, digits: int = 1) -> str:
        s = f"{x:.{digits}f}".rstrip("0").rstrip(".")
        return s if s not in ("", "-0") else "0"

    # --- tables -------------------------------------------------------------------
    def grid(self, data: Sequence[Sequence[Any]], widths: Sequence[float], cmds: Sequence[tuple[Any, ...]] = (), **kw: Any) -> Table:
        """A plain table in the report's font (reportlab would otherwise reference Helvetica)."""
        t = WidowlessTable([list(r) for r in data], colWidths=list(widths), hAlign=kw.pop("hAlign", "LEFT"), **kw)
        t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), self.fonts.regular), *cmds]))
        return t

    def table(
        self,
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        header: bool = True,
        zebra: bool = True,
        extra: Sequence[tuple[Any, ...]] = (),
        split_in_row: bool = False,
    ) -> Table:
        """A table with a repeated header row. ``split_in_row`` lets a row taller than a page
        (a very long note) continue on the next page; it is off elsewhere because reportlab then
        also splits ordinary rows that would better move whole."""
        cmds: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ]
        if header:
            cmds += [("BACKGROUND", (0, 0), (-1, 0), NAVY), ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]
        if zebra:
            start = 1 if header else 0
            for i in range(start, len(rows)):
                if (i - start) % 2 == 1:
                    cmds.append(("BACKGROUND", (0, i), (-1, i), GREY_LIGHT))
        return self.grid(rows, widths, cmds + list(extra), repeatRows=1 if header else 0, splitInRow=1 if split_in_row else 0)

    def figures(self, items: Sequence[tuple[str, str]]) -> Table:
        """Key figures side by side: a large value over a small label."""
        cells = [
            [
                self.pm(f'<b>{self.m(value)}</b><br/><font size="7.5" color="#5F6B7A">{self.m(label)}</font>', self.st.figure)
                for label, value in items
            ]
        ]
        n = max(len(items), 1)
        cmds: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]
        cmds += [("LINEBEFORE", (i, 0), (i, 0), 2, TEAL) for i in range(n)]
        return self.grid(cells, [WIDTH / n] * n, cmds)

    def head(self, *labels: str) -> list[Paragraph]:
        return [self.p(s, self.st.cell_head) for s in labels]
