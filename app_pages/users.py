"""Administrator: accounts (create, disable / enable, reset a password), organisations and
consultant↔client links. The pieces are in :mod:`app_pages.ui.admin`; the services check
that the caller is an administrator."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import admin, state
from app_pages.ui.i18n import t
from assessment import services

lang = state.lang()
actor = state.require_actor()
st.title(t("page.users", lang))
state.show_flash()
orgs = state.call(services.list_organisations) or []
accounts_tab, orgs_tab, links_tab = st.tabs([t("admin.accounts", lang), t("admin.organisations", lang), t("admin.links", lang)])
with accounts_tab:
    users = admin.accounts(lang, orgs)
    admin.create_account(lang, orgs)
    admin.account_actions(lang, users)
with orgs_tab:
    admin.organisations(lang, orgs)
with links_tab:
    admin.links(lang, users, orgs)
