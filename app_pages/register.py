"""Bureau: import the register of 规上 enterprises; coverage by region and industry; the list
of enterprises not yet diagnosed."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import bureau_charts as charts
from app_pages.ui import bureau_filters, state
from app_pages.ui.i18n import t
from app_pages.ui.text import md, plain
from assessment.io.register_file import RegisterFileError
from assessment.refdata import load
from assessment.services import register

lang = state.lang()
state.require_actor()
st.title(t("bureau.page.register", lang))
with st.form("register.form", clear_on_submit=True):
    upload = st.file_uploader(t("bureau.reg.upload", lang), type=["xlsx", "csv"], key="register.file", help=t("bureau.reg.help", lang))
    go = st.form_submit_button(t("bureau.reg.import", lang), type="primary")
if go and upload is not None:
    try:
        rep = state.call(register.import_register, upload.name, upload.getvalue())
    except RegisterFileError as exc:
        st.error(t("bureau.reg.errors", lang, n=len(exc.problems)))
        st.markdown("\n".join(f"- {md(p.place)}：{md(p.zh if lang == 'zh' else p.en)}" for p in exc.problems[:200]))
    else:
        if rep is not None:
            st.success(t("bureau.reg.done", lang, added=rep.added, updated=rep.updated, removed=rep.removed))

f = bureau_filters.filters(lang)
if f is None:
    st.stop()
assert f is not None
cov = state.call(register.coverage, f)
if cov is None:
    st.stop()
assert cov is not None
st.subheader(t("bureau.cov.heading", lang))
if not cov.registered:
    st.info(t("bureau.t.no_register", lang))
    st.stop()
st.progress(min(1.0, (cov.percent or 0) / 100), text=t("bureau.cov.value", lang, diagnosed=charts.count(cov.diagnosed),
            registered=charts.count(cov.registered), percent=charts.percent(cov.percent)))  # fmt: skip
st.caption(t("bureau.cov.note", lang))
reg, dia, pct = t("bureau.cov.registered", lang), t("bureau.cov.diagnosed", lang), t("bureau.cov.percent", lang)
c1, c2 = st.columns(2)
with c1:
    charts.table(
        [
            {t("bureau.c.region", lang): charts.area_name(a), reg: n, dia: m, pct: round(100 * m / n) if n else None}
            for a, n, m in cov.by_area
        ]
    )
with c2:
    charts.table(
        [
            {t("bureau.c.industry", lang): charts.industry_name(i, lang), reg: n, dia: m, pct: round(100 * m / n) if n else None}
            for i, n, m in cov.by_industry
        ]
    )
missing = state.call(register.undiagnosed, f) or []
st.subheader(t("bureau.reg.undiagnosed", lang, n=charts.count(len(missing))))
ref = load()
charts.table(
    [
        {t("bureau.col.name", lang): plain(u.name), t("bureau.col.credit", lang): u.credit_code,
         t("bureau.col.region", lang): ref.region_name(u.region_code),
         t("bureau.col.industry", lang): charts.industry_name(u.industry_code, lang)}
        for u in missing[:2000]
    ]
)  # fmt: skip
if len(missing) > 2000:
    st.caption(t("bureau.list.shown", lang, shown=2000))
