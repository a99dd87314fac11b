"""The one way to show user text: names, file names, notes, answers, reasons, messages.

Streamlit interprets Markdown in ``st.markdown``, ``st.caption``, ``st.info`` … and in most
widget labels: links, images, emphasis, ``:color[…]`` directives, ``:material/…:`` icons and
``$…$`` maths. User text must never reach those unchanged, or an organisation named
``[x](https://evil.example)`` draws a working link on the bureau's page. Pages therefore:

- show a piece of user text on its own with :func:`show` (``st.text``, never interpreted);
- put user text into a translated sentence or a label with :func:`md` (every ASCII
  punctuation character backslash-escaped, as CommonMark allows, so nothing in it is markup)
  or with :func:`tx`, which escapes the values it puts into a catalogue text.

Bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F) are shown as
visible ``[U+202E]`` marks, so that ``invoice\\u202efdp.exe`` cannot pose as ``invoice.pdf``.
``unsafe_allow_html`` is never used with user data.
"""

from __future__ import annotations

import re
import string
from typing import Any

import streamlit as st

from .i18n import t

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible_controls(text: str) -> str:
    """``text`` with bidirectional controls replaced by visible ``[U+XXXX]`` marks.

    >>> visible_controls("a\\u202eb")
    'a[U+202E]b'
    """
    return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def md(value: Any) -> str:
    """``value`` as Markdown that shows exactly its text (no links, images, emphasis, icons).

    >>> md("[x](https://e.example) **b**")
    '\\\\[x\\\\]\\\\(https\\\\:\\\\/\\\\/e\\\\.example\\\\) \\\\*\\\\*b\\\\*\\\\*'
    """
    text = visible_controls("" if value is None else str(value))
    text = _PUNCT.sub(r"\\\1", text)
    # a line break inside a label or caption stays a line break, not a paragraph or heading
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "  \n")


def tx(key: str, lang: str, **values: Any) -> str:
    """The catalogue text ``key`` with every value escaped by :func:`md`."""
    return t(key, lang, **{k: md(v) for k, v in values.items()})


def show(value: Any) -> None:
    """Show user text on its own, literally (``st.text``: no Markdown, no HTML)."""
    st.text(visible_controls("" if value is None else str(value)))
