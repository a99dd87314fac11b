"""Sign in. Also rendered at every other page's address while nobody is signed in, so a
browser reload of, say, the questionnaire asks for the password and then returns there."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import state
from app_pages.ui.i18n import t
from app_pages.ui.text import md
from assessment import services


def render() -> None:
    lang = state.lang()
    st.title(t("app.title", lang))
    st.caption(t("app.tagline", lang))
    state.show_flash()
    with st.form("login.form"):
        st.subheader(t("login.heading", lang))
        username = st.text_input(t("login.username", lang), key="login.username", max_chars=64)
        password = st.text_input(t("login.password", lang), type="password", key="login.password", max_chars=256)
        submitted = st.form_submit_button(t("login.submit", lang), type="primary")
    if submitted:
        if not username.strip() or not password:
            st.error(t("login.empty", lang))
        else:
            try:
                actor = services.authenticate(state.database(), username.strip(), password, client=state.client_id())
            except services.LoginThrottled as exc:
                st.error(md(exc.message(lang)))
            except services.LoginFailed:
                st.error(t("login.failed", lang))
            else:
                state.sign_in(actor)
                st.rerun()
