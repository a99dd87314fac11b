"""Administrator: accounts and organisations."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import state
from app_pages.ui.i18n import t
from app_pages.ui.text import plain
from assessment import services

lang = state.lang()
L = lang
actor = state.require_actor()
st.title(t("page.users", lang))
users = state.call(services.list_users) or []
st.dataframe(
    [
        {
            t("login.username", lang): plain(u.username),
            t("render.display_name", lang): plain(u.display_name),
            "role": t("role." + u.role, lang),
            "active": u.active,
        }
        for u in users
    ],
    hide_index=True,
    width="stretch",
)
orgs = state.call(services.list_organisations) or []
org_names = {o.id: o.name for o in orgs}
with st.form("users.create"):
    username = st.text_input(t("login.username", lang), max_chars=64, key="users.username")
    password = st.text_input(t("login.password", lang), type="password", max_chars=256, key="users.password")
    role = st.selectbox("role", list(services.ROLES), format_func=lambda r: t("role." + r, lang), key="users.role")
    org = st.selectbox(
        t("list.organisation", lang), [None, *org_names], format_func=lambda i: "—" if i is None else plain(org_names[i]), key="users.org"
    )
    jurisdiction = st.text_input(t("org.region", lang), max_chars=6, key="users.jurisdiction")
    if st.form_submit_button(t("setup.create", lang)):
        created = state.call(
            services.create_user,
            username=username.strip(),
            password=password,
            role=role,
            organisation_id=org if role == "enterprise" else None,
            jurisdiction=jurisdiction or None,
        )
        if created is not None:
            if role == "consultant" and org is not None:
                state.call(services.link_consultant, created.username, org)
            st.success(t("org.saved", lang))
            st.rerun()
with st.form("users.org"):
    st.subheader(t("org.create", lang))
    name = st.text_input(t("org.name", lang), max_chars=200, key="users.org_name")
    code = st.text_input(t("org.credit_code", lang), max_chars=18, key="users.org_code")
    region = st.text_input(t("org.region", lang), max_chars=6, key="users.org_region")
    industry = st.text_input(t("org.industry", lang), max_chars=4, key="users.org_industry")
    size = st.selectbox(
        t("org.size", lang), ["large", "medium", "small", "micro"], format_func=lambda s: t("size." + s, lang), key="users.org_size"
    )
    ptype = st.selectbox(
        t("org.production_type", lang), ["discrete", "process", "mixed"], format_func=lambda s: t("ptype." + s, lang), key="users.org_ptype"
    )
    if st.form_submit_button(t("org.save", lang)):
        if (
            state.call(
                services.create_organisation,
                name=name,
                credit_code=code,
                region_code=region,
                industry_code=industry,
                size_class=size,
                production_type=ptype,
            )
            is not None
        ):
            st.success(t("org.saved", lang))
            st.rerun()
