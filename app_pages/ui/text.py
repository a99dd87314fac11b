"""The one way to show user text: names, file names, notes, answers, reasons, messages.

Streamlit interprets Markdown in ``st.markdown``, ``st.caption``, ``st.info`` … and in most
widget labels: links, images, emphasis, ``:color[…]`` directives, ``:material/…:`` icons and
``$…$`` maths. User text must never reach those unchanged, or an organisation named
``[x](https://evil.example)`` draws a working link on the bureau's page. Pages therefore:

- show a piece of user text on its own with :func:`show` (``st.text``, never interpreted);
- put user text into a translated sentence or a Markdown label (``st.caption``, ``st.error``,
  widget labels, radio and segmented-control options, expander and popover labels, progress
  texts) with :func:`md` (every ASCII punctuation character backslash-escaped, as CommonMark
  allows, so nothing in it is markup) or with :func:`tx`, which escapes the values it puts
  into a catalogue text;
- put user text where Streamlit shows plain text (selectbox and multiselect options,
  dataframe cells, ``st.text_input`` values) with :func:`plain`: escaping there would show
  the backslashes.

Backslash escapes are not enough for bare addresses: Streamlit's GitHub-flavoured Markdown
finds ``https://…``, ``www.…`` and ``name@host.example`` in the text *after* escapes are
resolved (checked in Chromium with Streamlit 1.67: ``https\\:\\/\\/evil\\.example`` is still a
link). :func:`md` therefore puts an invisible WORD JOINER (U+2060) after ``http``, ``https``
and ``www`` and before ``@``, which the auto-link patterns do not accept. The escapes do
neutralise links, images, emphasis, HTML, ``:material/…:`` icons, ``:red[…]`` directives,
emoji short codes and ``$…$`` maths (same check).

Bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F) are shown as
visible ``[U+202E]`` marks, so that ``invoice\\u202efdp.exe`` cannot pose as ``invoice.pdf``.
Streamlit's switch for raw HTML is never turned on (a test checks every page for it).
"""

from __future__ import annotations

import re
import string
from typing import Any

import streamlit as st

from .i18n import t

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# where GFM's auto-link literals start: a scheme or "www" before ":" or ".", and every "@"
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def visible_controls(text: str) -> str:
    """``text`` with bidirectional controls replaced by visible ``[U+XXXX]`` marks.

    >>> visible_controls("a\\u202eb")
    'a[U+202E]b'
    """
    return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def plain(value: Any) -> str:
    """User text for a place Streamlit shows as plain text (selectbox options, table cells).

    >>> plain("**b** a\\u202eb")
    '**b** a[U+202E]b'
    """
    return visible_controls("" if value is None else str(value))


def md(value: Any) -> str:
    """``value`` as Markdown that shows exactly its text (no links, images, emphasis, icons,
    auto-links).

    >>> md("[x](https://e.example) **b**")
    '\\\\[x\\\\]\\\\(https\\u2060\\\\:\\\\/\\\\/e\\\\.example\\\\) \\\\*\\\\*b\\\\*\\\\*'
    """
    text = _AUTOLINK.sub(WORD_JOINER, plain(value))
    text = _PUNCT.sub(r"\\\1", text)
    # a line break inside a label or caption stays a line break, not a paragraph or heading
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "  \n")


def tx(key: str, lang: str, **values: Any) -> str:
    """The catalogue text ``key`` with every value escaped by :func:`md`."""
    return t(key, lang, **{k: md(v) for k, v in values.items()})


def show(value: Any) -> None:
    """Show user text on its own, literally (``st.text``: no Markdown, no HTML)."""
    st.text(plain(value))
