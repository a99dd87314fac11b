"""Streamlit's own English inside widgets, in Chinese mode.

The file uploader draws 「Drag and drop a file here」, its limits and an 「Upload」 button in
English whatever the page's language, and has no parameter to change them. In Chinese mode a
fixed style sheet (no user data in it) hides those strings and shows Chinese ones instead.
Multiselects are drawn without Streamlit's English 「Select all」 (``select_all=False``).
"""

from __future__ import annotations

import streamlit as st

_ZH_CSS = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] > div > * { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::before {
  content: "拖放文件到此处，或点击“选择文件”"; font-size: 0.875rem;
}
[data-testid="stFileUploaderDropzone"] button { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button::after { content: "选择文件"; font-size: 0.875rem; }
</style>"""


def localise(lang: str) -> None:
    """Apply the Chinese replacements when the page is in Chinese."""
    if lang != "en":
        st.html(_ZH_CSS)
