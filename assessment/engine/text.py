"""Control characters in user text: refused everywhere, the same on SQLite and PostgreSQL.

PostgreSQL cannot store NUL in text (it raises), SQLite stores it silently, and other C0/C1
control characters garble listings, PDFs and terminals. So every field a person types is
checked here first and a control character is refused with its position — rather than
stripped, so that nobody's text is changed behind their back. Multi-line fields (notes,
text answers, reasons) may hold tab and line breaks; single-line fields (names) may not.
"""

from __future__ import annotations

import re

_MULTI = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SINGLE = re.compile("[\x00-\x1f\x7f-\x9f]")


def control_problem(text: str, *, multiline: bool = False) -> tuple[str, str] | None:
    """(zh, en) saying which control character stands where, or None when there is none.

    >>> control_problem("ok\\nline", multiline=True) is None
    True
    >>> control_problem("a\\x00b")
    ('第 2 个字符是不允许的控制字符 U+0000', 'character 2 is a control character (U+0000), which is not allowed')
    """
    found = (_MULTI if multiline else _SINGLE).search(text)
    if found is None:
        return None
    code = f"U+{ord(found.group()):04X}"
    pos = found.start() + 1
    return (f"第 {pos} 个字符是不允许的控制字符 {code}", f"character {pos} is a control character ({code}), which is not allowed")
