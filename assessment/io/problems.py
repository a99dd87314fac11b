"""Located problems in a file a person filled in: ``file › sheet › row › column: expected …``.

A reader collects every problem it finds (it does not stop at the first), so that one
round-trip to the enterprise fixes them all; nothing is saved while any remains. Each
problem says, in Chinese and in English, what was expected at that place and what was found.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SHOWN = 80
"""A found value is quoted up to this many characters (a 10,000-character cell is cut)."""


def quote(value: object) -> str:
    """A short, printable rendering of a found value.

    >>> quote("x" * 100)[-12:]
    'x…（共 100 字）'
    """
    text = repr(value) if not isinstance(value, str) else value
    text = "".join(ch if ch.isprintable() else f"[U+{ord(ch):04X}]" for ch in text)
    if len(text) > MAX_SHOWN:
        return f"{text[:MAX_SHOWN]}…（共 {len(text)} 字）"
    return text


@dataclass(frozen=True)
class Problem:
    """One problem: where (file, sheet, row, column) and what was expected, in zh and en."""

    file: str
    zh: str
    en: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    column_title: str = ""

    @property
    def place(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(f"第 {self.row} 行 row {self.row}")
        if self.column:
            parts.append(f"{self.column} 列 column {self.column}" + (f"（{self.column_title}）" if self.column_title else ""))
        return " › ".join(parts)

    def __str__(self) -> str:
        return f"{self.place}: {self.zh} / {self.en}"


class FileProblems(ValueError):
    """A file that cannot be used as it is; ``problems`` lists every located problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        head = "; ".join(str(p) for p in problems[:3])
        more = f" (+{len(problems) - 3})" if len(problems) > 3 else ""
        super().__init__(head + more)
