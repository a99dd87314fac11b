"""Entry point of the web app: page set-up, sign-in state and navigation by role. No logic."""

from __future__ import annotations

import streamlit as st

from app_pages import login
from app_pages.ui import consultant_client, state, warmup, zh_widgets
from app_pages.ui.i18n import t
from app_pages.ui.text import tx
from assessment import services

st.set_page_config(page_title=t("app.title"), page_icon="🏭", layout="wide")
warmup.start()
state.language_switch()
lang = state.lang()
zh_widgets.localise(lang)


def page(path: str, key: str, icon: str, default: bool = False) -> st.Page:
    return st.Page(path, title=t(key, lang), icon=icon, default=default, url_path=path.split("/")[-1].removesuffix(".py"))


PAGE_PATHS = ("assessments", "questionnaire", "result", "profile", "clients", "submissions", "users",
              "bureau", "candidates", "register", "review")  # fmt: skip
db = state.database()
state.check_session()
actor = state.actor()
if not services.has_users(db):
    pages = [page("app_pages/setup.py", "page.setup", ":material/build:", default=True)]
elif actor is None:
    # every address shows the sign-in form, so a reload of any page comes back to it after login
    pages = [
        st.Page(login.render, title=t("page.login", lang), icon=":material/login:", url_path=path, default=path == "login")
        for path in ("login", *PAGE_PATHS)
    ]
else:
    role = actor.role
    pages = []
    if role == "consultant":
        pages.append(page("app_pages/clients.py", "page.clients", ":material/domain:", default=True))
    if role in ("enterprise", "consultant"):
        pages.append(page("app_pages/assessments.py", "page.assessments", ":material/list_alt:", default=role == "enterprise"))
        pages.append(page("app_pages/questionnaire.py", "page.questionnaire", ":material/edit_note:"))
        pages.append(page("app_pages/result.py", "page.result", ":material/insights:"))
    if role == "enterprise":
        pages.append(page("app_pages/profile.py", "page.profile", ":material/factory:"))
    if role == "bureau":
        pages.append(page("app_pages/bureau.py", "bureau.page.dashboard", ":material/monitoring:", default=True))
        pages.append(page("app_pages/submissions.py", "page.submissions", ":material/inventory:"))
        pages.append(page("app_pages/candidates.py", "bureau.page.candidates", ":material/trending_up:"))
        pages.append(page("app_pages/register.py", "bureau.page.register", ":material/fact_check:"))
        pages.append(page("app_pages/review.py", "bureau.page.review", ":material/rate_review:"))
        pages.append(page("app_pages/result.py", "page.result", ":material/insights:"))
    if role == "admin":
        pages.append(page("app_pages/users.py", "page.users", ":material/group:", default=True))
    with st.sidebar:
        st.caption(tx("app.signed_in_as", lang, user=actor.username, role=t(f"role.{role}", lang)))
    if role == "consultant":
        consultant_client.sidebar_line(lang)
    with st.sidebar:
        if st.button(t("app.logout", lang), key="app.logout"):
            state.sign_out()
            st.rerun()

st.sidebar.caption(t("app.disclaimer", lang))
st.navigation(pages, position="sidebar" if actor is not None else "hidden").run()
