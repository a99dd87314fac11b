"""Consultant: switch between client enterprises and download several clients' reports at once."""

from __future__ import annotations

import io
import zipfile

import streamlit as st

from app_pages.ui import consultant_client, report_people, state
from app_pages.ui.i18n import t
from app_pages.ui.text import md, plain
from assessment import services

lang = state.lang()
L = lang
actor = state.require_actor()
st.title(t("clients.heading", lang))
report_people.consultant_organisation(lang)
orgs = state.call(services.list_organisations) or []
if not orgs:
    st.info(t("clients.empty", lang))
    st.stop()
names = {o.id: o.name for o in orgs}
rows = []
latest: dict[int, int] = {}
for o in orgs:
    page = state.call(services.list_assessments, organisation_id=o.id, limit=1)
    a = page.items[0] if page and page.items else None
    if a is not None:
        latest[o.id] = a.id
    rows.append(
        {
            t("org.name", lang): plain(o.name),
            t("org.credit_code", lang): o.credit_code,
            t("org.region", lang): o.region_name or o.region_code,
            t("list.status", lang): t("status." + a.status, lang) if a else "—",
            t("list.updated", lang): f"{a.updated_at:%Y-%m-%d}" if a else "—",
        }
    )
st.dataframe(rows, hide_index=True, width="stretch")

ids = [o.id for o in orgs]
current = consultant_client.current(orgs)
st.selectbox(
    t("clients.pick", lang),
    ids,
    format_func=lambda i: plain(names[i]),
    index=ids.index(current.id) if current else 0,
    key="clients.current",
    on_change=consultant_client.picked,
    args=("clients.current", orgs),
)
if st.button(t("page.assessments", lang), key="clients.open", type="primary"):
    st.switch_page("app_pages/assessments.py")

st.divider()
chosen = st.multiselect(
    t("clients.select", lang),
    [i for i in ids if i in latest],
    format_func=lambda i: plain(names[i]),
    key="clients.batch",
    select_all=lang == "en",
    placeholder=t("admin.pick", lang),
)
assessor = report_people.assessor(lang) if chosen else ""
if chosen and st.button(t("clients.reports", lang), key="clients.zip"):
    buf = io.BytesIO()
    bar = st.progress(0.0)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, org_id in enumerate(chosen, start=1):
            pdf = state.call(report_people.build_pdf, latest[org_id], lang, assessor)
            if pdf:
                safe = "".join(ch for ch in names[org_id] if ch.isalnum()) or f"org{org_id}"
                zf.writestr(f"{safe}-{latest[org_id]}.pdf", pdf)
            bar.progress(n / len(chosen), text=md(names[org_id]))
    st.download_button(t("clients.reports", lang), buf.getvalue(), file_name="reports.zip", mime="application/zip", key="clients.zip_dl")
