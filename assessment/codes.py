"""统一社会信用代码 (unified social credit code, GB 32100-2015) validation.

18 characters: 登记管理部门代码 (1) + 机构类别代码 (1) + 登记管理机关行政区划码 (6) +
主体标识码 (9) + 校验码 (1). The check character is computed over the first 17 with
weights 3^i mod 31 in a 31-character alphabet without I, O, S, V, Z.

>>> check_character("91510100MA61IIII0")
Traceback (most recent call last):
...
ValueError: invalid character 'I' at position 13 (allowed: 0-9 and A-Y without I O S V Z)
>>> is_valid_credit_code("91350100M000100Y43")
True
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    if len(first17) != 17:
        raise ValueError(f"expected 17 characters, got {len(first17)}")
    total = 0
    for i, ch in enumerate(first17.upper()):
        idx = ALPHABET.find(ch)
        if idx < 0:
            raise ValueError(f"invalid character {ch!r} at position {i + 1} (allowed: 0-9 and A-Y without I O S V Z)")
        total += idx * WEIGHTS[i]
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str, lang: str = "en") -> str | None:
    """None when ``code`` is a valid 统一社会信用代码, otherwise what is wrong (``lang`` "zh"
    or "en").

    >>> credit_code_problem("91510100MA61R8XK0", "zh")
    '应为 18 位，实际 17 位'
    """
    zh = lang == "zh"
    code = code.strip().upper()
    if len(code) != 18:
        return f"应为 18 位，实际 {len(code)} 位" if zh else f"a 统一社会信用代码 has 18 characters, got {len(code)}"
    bad = next(((i, ch) for i, ch in enumerate(code[:17]) if ch not in ALPHABET), None)
    if bad is not None and zh:
        return f"第 {bad[0] + 1} 位的字符「{bad[1]}」不允许（只能是数字和除 I、O、S、V、Z 外的大写字母）"
    try:
        expected = check_character(code[:17])
    except ValueError as exc:
        return str(exc)
    if code[17] != expected:
        return (
            f"校验位为「{code[17]}」，按前 17 位计算应为「{expected}」"
            if zh
            else f"check character is {code[17]!r} but should be {expected!r}"
        )
    return None


def is_valid_credit_code(code: str) -> bool:
    return credit_code_problem(code) is None
