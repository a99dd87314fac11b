"""First start: create the first administrator, or load demo data in demo mode."""

from __future__ import annotations

import os

import streamlit as st

from app_pages.ui import state
from app_pages.ui.i18n import t
from app_pages.ui.text import md, tx
from assessment import services

lang = state.lang()
st.title(t("setup.heading", lang))
st.write(t("setup.intro", lang))
token_path = state.announce_first_start_token()
st.caption(t("setup.token_help", lang, path=str(token_path)))
with st.form("setup.form"):
    token = st.text_input(t("setup.token", lang), type="password", key="setup.token", max_chars=100)
    username = st.text_input(t("login.username", lang), key="setup.username", max_chars=64)
    password = st.text_input(t("login.password", lang), type="password", key="setup.password", max_chars=256)
    password2 = st.text_input(t("setup.password2", lang), type="password", key="setup.password2", max_chars=256)
    create = st.form_submit_button(t("setup.create", lang), type="primary")
if create:
    if password != password2:
        st.error(t("setup.mismatch", lang))
    else:
        try:
            services.create_first_admin(state.database(), username=username.strip(), password=password, token=token)
        except services.ServiceError as exc:
            st.error(md(exc.message(lang)))
        else:
            state.flash(t("setup.created", lang))
            st.rerun()

if os.environ.get("SFA_DEMO") == "1":
    st.divider()
    st.caption(t("setup.demo_help", lang))
    with st.form("setup.demo_form"):
        demo_token = st.text_input(t("setup.token", lang), type="password", key="setup.demo_token", max_chars=100)
        load = st.form_submit_button(t("setup.demo", lang))
    if load:
        from assessment.demo import load_demo
        from assessment.demo_bulk import load_bulk_demo

        try:
            accounts, demo_password = load_demo(state.database(), token=demo_token)
            load_bulk_demo(state.database(), n=300, variants=1)  # a small Sichuan population for the bureau's pages
        except services.ServiceError as exc:
            st.error(md(exc.message(lang)))
        else:  # straight to the sign-in page, which shows the accounts and the password once
            state.flash(
                tx("setup.demo_done", lang, accounts="、".join(accounts), password=demo_password) + " " + t("setup.demo_login", lang)
            )
            st.rerun()
