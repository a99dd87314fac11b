"""Organisation profile: the enterprise's own registration data."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import state
from app_pages.ui.i18n import t
from assessment import refdata, services

lang = state.lang()
L = lang
actor = state.require_actor()
st.title(t("page.profile", lang))
orgs = state.call(services.list_organisations) or []
if not orgs:
    st.info(t("list.no_org", lang))
    st.stop()
org = orgs[0]
ref = refdata.load()
regions = {c: ref.region_name(c) for c in sorted({*ref.provinces, *ref.prefectures, *ref.counties})}
industries = {c: (e.name if L == "zh" or not e.en else e.en) for c, e in sorted(ref.industries.items())}
sizes = ["large", "medium", "small", "micro"]
ptypes = ["discrete", "process", "mixed"]
with st.form("profile.form"):
    name = st.text_input(t("org.name", lang), value=org.name, max_chars=200, key="profile.name")
    st.text_input(t("org.credit_code", lang), value=org.credit_code, disabled=True, key="profile.credit_code")
    region = st.selectbox(
        t("org.region", lang),
        list(regions),
        format_func=lambda c: f"{c} {regions[c]}",
        index=list(regions).index(org.region_code) if org.region_code in regions else 0,
        key="profile.region",
    )
    industry = st.selectbox(
        t("org.industry", lang),
        list(industries),
        format_func=lambda c: f"{c} {industries[c]}",
        index=list(industries).index(org.industry_code) if org.industry_code in industries else 0,
        key="profile.industry",
    )
    size = st.selectbox(
        t("org.size", lang),
        sizes,
        format_func=lambda s: t("size." + s, lang),
        index=sizes.index(org.size_class) if org.size_class in sizes else 0,
        key="profile.size",
    )
    ptype = st.selectbox(
        t("org.production_type", lang),
        ptypes,
        format_func=lambda s: t("ptype." + s, lang),
        index=ptypes.index(org.production_type) if org.production_type in ptypes else 0,
        key="profile.ptype",
    )
    if st.form_submit_button(t("org.save", lang), type="primary"):
        updated = state.call(
            services.update_organisation,
            org.id,
            name=name,
            region_code=region,
            industry_code=industry,
            size_class=size,
            production_type=ptype,
        )
        if updated is not None:
            st.success(t("org.saved", lang))
