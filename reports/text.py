"""Untrusted text → safe reportlab Paragraph markup (or plain strings for the canvas).

Everything a user typed (enterprise name, notes, consultant and assessor names) and every
label from the data goes through :func:`markup` before it reaches a ``Paragraph``:

* ``& < >`` are escaped, so ``<b>``, ``<script>`` and unbalanced tags print literally;
* line breaks become ``<br/>``; tabs become spaces;
* a character the main font lacks is set in the font that has it (:class:`~reports.fonts.FontSet`:
  the Noto Sans JP supplement for e.g. 𠮷, Noto Emoji for emoji);
* a character no font has but Unicode maps to one the fonts do have is shown as that one:
  a subscript or superscript digit or letter (the ₂ of 「CO₂」, the ³ of m³) as the plain
  character set lower or higher, other compatibility forms by their NFKC equivalent;
* a character no font has, a control character or a lone surrogate is shown as a visible
  grey ``[U+XXXX]`` — never silently dropped, never a tofu box;
* invisible format characters (zero-width joiner, variation selectors …) are left out: they
  have no glyph to show.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .fonts import FontSet

_IGNORABLE = frozenset(
    [
        *(0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0),
        *range(0x180B, 0x1810),  # Mongolian variation selectors
        *range(0x200B, 0x2010),  # zero-width space/joiners, direction marks
        *range(0x202A, 0x202F),  # bidi embeddings
        *range(0x2060, 0x2070),  # word joiner, invisible operators
        *range(0xFE00, 0xFE10),  # variation selectors (emoji presentation …)
        *range(0xE0000, 0xE1000),  # tags, variation selectors supplement
    ]
)
PLACEHOLDER_COLOR = "#8A8F98"


def placeholder(ch: str) -> str:
    """The visible stand-in for a character that cannot be shown."""
    return f"[U+{ord(ch):04X}]"


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _is_bad(ch: str) -> bool:
    """Control characters, surrogates and non-characters, which a PDF cannot carry as text."""
    cp = ord(ch)
    if cp in (0xFFFE, 0xFFFF) or 0xD800 <= cp <= 0xDFFF:
        return True
    return unicodedata.category(ch) == "Cc"


def substitute(ch: str, fonts: FontSet) -> tuple[str, str] | None:
    """(position, text) to show for ``ch`` when no font has it: position ``sub``, ``super`` or
    "" (in line), and text the fonts do have; None when there is no such equivalent.

    >>> from reports.fonts import FontSet
    >>> substitute("₂", FontSet("R", "B", frozenset(map(ord, "2"))))
    ('sub', '2')
    """
    decomposition = unicodedata.decomposition(ch)
    if not decomposition.startswith("<"):
        return None
    tag = decomposition.split(">", 1)[0][1:]
    text = unicodedata.normalize("NFKC", ch)
    if not text or text == ch or any(fonts.font_for(c) is None for c in text):
        return None
    return ("sub" if tag == "sub" else "super" if tag == "super" else "", text)


@lru_cache(maxsize=50_000)
def markup(text: str | None, fonts: FontSet, bold: bool = False) -> str:
    """Paragraph markup that shows ``text`` literally (``bold``: the style's font is the bold face).

    Pure, so kept per process: most texts recur in every report (it looks at each character).

    >>> from reports.fonts import FontSet
    >>> fs = FontSet("R", "B", frozenset(map(ord, "<>/b &粗")))
    >>> markup("<b>粗</b> & 𠮷", fs)
    '&lt;b&gt;粗&lt;/b&gt; &amp; <font color="#8A8F98">[U+20BB7]</font>'
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    out: list[str] = []
    run: list[str] = []
    run_font: str | None = ""  # "" = main font

    def flush() -> None:
        if not run:
            return
        chunk = _escape("".join(run))
        if run_font:
            name = f"{run_font}-Bold" if bold and run_font == fonts.ext else run_font
            out.append(f'<font name="{name}">{chunk}</font>')
        else:
            out.append(chunk)
        run.clear()

    for ch in text:
        if ch == "\n":
            flush()
            out.append("<br/>")
            continue
        cp = ord(ch)
        if cp in _IGNORABLE:
            continue
        font = None if _is_bad(ch) else fonts.font_for(ch)
        sub = substitute(ch, fonts) if font is None and not _is_bad(ch) else None
        if sub is not None:
            flush()
            shown = markup(sub[1], fonts, bold)
            out.append(f"<{sub[0]}>{shown}</{sub[0]}>" if sub[0] else shown)
            continue
        if font is None:
            flush()
            out.append(f'<font color="{PLACEHOLDER_COLOR}">{placeholder(ch)}</font>')
            continue
        if font != run_font:
            flush()
            run_font = font
        run.append(ch)
    flush()
    return "".join(out)


def runs(text: str | None, fonts: FontSet) -> list[tuple[str, str]]:
    """``text`` on one line as (font family, chunk) runs; what no font has becomes a placeholder
    in the main font. Family "" is the main font."""
    out: list[tuple[str, str]] = []
    for ch in " ".join((text or "").split()):
        if ord(ch) in _IGNORABLE:
            continue
        font = None if _is_bad(ch) else fonts.font_for(ch)
        sub = substitute(ch, fonts) if font is None and not _is_bad(ch) else None
        if sub is not None:
            font, ch = fonts.font_for(sub[1][0]), sub[1]
        fam, piece = ("", placeholder(ch)) if font is None else (font, ch)
        if out and out[-1][0] == fam:
            out[-1] = (fam, out[-1][1] + piece)
        else:
            out.append((fam, piece))
    return out


def plain(text: str | None, fonts: FontSet) -> str:
    """A single-font string for canvas and chart text: what the main font lacks is a placeholder."""
    if not text:
        return ""
    out: list[str] = []
    for ch in text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "):
        if ord(ch) in _IGNORABLE:
            continue
        if not _is_bad(ch) and ord(ch) not in fonts.covered:
            sub = substitute(ch, fonts)
            if sub is not None and all(ord(c) in fonts.covered for c in sub[1]):
                out.append(sub[1])
                continue
        out.append(ch if not _is_bad(ch) and ord(ch) in fonts.covered else placeholder(ch))
    return "".join(out)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (the full text is shown elsewhere)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"
