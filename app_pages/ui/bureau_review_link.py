"""Pick one submission from a bureau table and open it on the review page."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import state
from app_pages.ui.i18n import t
from app_pages.ui.text import visible_controls
from assessment.engine.base import Lang


def open_buttons(labels: dict[int, str], page: str, lang: Lang) -> None:
    """A chooser over ``labels`` (assessment id → enterprise name) and an open button."""
    if not labels:
        return
    ids = list(labels)
    c1, c2 = st.columns([3, 1])
    aid = c1.selectbox(t("bureau.pick", lang), ids, format_func=lambda i: visible_controls(labels[i]), key=f"{page}.pick")
    if c2.button(t("bureau.open", lang), key=f"{page}.open", type="primary"):
        st.session_state[state.CURRENT] = aid
        st.query_params.clear()
        st.switch_page("app_pages/review.py")
