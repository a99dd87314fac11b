"""The one helper for user text (``app_pages.ui.text``), checked without a browser.

What Streamlit 1.67's Markdown does with the escaped text was checked in Chromium (see the
helper's docstring and ``tests/browser/test_hostile_names.py``); here we check the escaping
itself and that no page opts into raw HTML.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from app_pages.ui.text import WORD_JOINER, md, plain

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = [
    "[x](https://evil.example)",
    "![t](http://evil.example/a.png)",
    "**领航级已认证**",
    "<img src=x onerror=alert(1)>",
    "invoice\u202efdp.exe",
    ":material/verified: :green[已认证]",
    "see HTTPS://evil.example, www.evil.example and a@evil.example",
]
# the patterns GitHub-flavoured Markdown uses to find bare addresses in resolved text
# (mdast-util-gfm-autolink-literal): they run after backslash escapes are resolved
GFM_AUTOLINK = [re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.I), re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")]


def unescape(markdown: str) -> str:
    """The text a CommonMark renderer shows for ``markdown`` that has only escapes in it."""
    return re.sub(r"\\([" + re.escape(string.punctuation) + "])", r"\1", markdown).replace("  \n", "\n")


@pytest.mark.parametrize("value", HOSTILE)
def test_md__hostile_text__every_punctuation_escaped_and_shown_literally(value: str) -> None:
    out = md(value)
    assert not re.search(r"(?<!\\)[" + re.escape(string.punctuation.replace("\\", "")) + "]", out.replace("\\\\", ""))
    assert unescape(out).replace(WORD_JOINER, "") == plain(value)
    assert "\u202e" not in out


@pytest.mark.parametrize("value", HOSTILE)
def test_md__bare_addresses__no_gfm_autolink_survives(value: str) -> None:
    shown = unescape(md(value))
    assert not any(p.search(shown) for p in GFM_AUTOLINK), shown


def test_md__gfm_autolink_patterns__do_match_the_raw_text() -> None:
    # guards the test above: the patterns find what Streamlit would link
    assert all(any(p.search(unescape(v)) for p in GFM_AUTOLINK) for v in (HOSTILE[0], HOSTILE[1], HOSTILE[-1]))


def test_md__line_breaks__stay_line_breaks_not_blocks() -> None:
    assert md("a\n# b\r\n- c") == "a  \n\\# b  \n\\- c"


def test_plain__bidi_controls__visible_and_nothing_else_changed() -> None:
    assert plain("**a** [b](c) \u202ed") == "**a** [b](c) [U+202E]d"
    assert plain(None) == ""


def test_pages__never_unsafe_allow_html() -> None:
    files = [ROOT / "streamlit_app.py", *sorted((ROOT / "app_pages").rglob("*.py"))]
    assert len(files) > 10
    offenders = [str(f.relative_to(ROOT)) for f in files if "unsafe_allow_html" in f.read_text(encoding="utf-8")]
    assert offenders == []
