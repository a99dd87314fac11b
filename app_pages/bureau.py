"""Bureau: the jurisdiction at a glance — headline figures with the change since the last
quarter, progress toward the targets, coverage, distributions, blocking criteria, trend, and
the export of the filtered view."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import bureau_charts as charts
from app_pages.ui import bureau_filters, state
from app_pages.ui.bureau_targets import render_targets
from app_pages.ui.i18n import t
from assessment.services import bureau, register
from assessment.services.bureau_export import export_view

lang = state.lang()
state.require_actor()
st.title(t("bureau.page.dashboard", lang))
f = bureau_filters.filters(lang)
if f is None:
    st.stop()
assert f is not None
d = state.call(bureau.dashboard, f)
if d is None:
    st.stop()
assert d is not None
st.caption(bureau_filters.scope_caption(f, d.area, lang))
names = charts.rung_names(f.questionnaire, lang)
h, p = d.headline, d.previous
delta_help = t("bureau.h.delta_help", lang, period=d.previous_period)
cols = st.columns(5)
cols[0].metric(t("bureau.h.enterprises", lang), charts.count(h.enterprises), f"{h.enterprises - p.enterprises:+,}", help=delta_help)
mean_delta = None if h.mean_score is None or p.mean_score is None else f"{h.mean_score - p.mean_score:+.1f}"
cols[1].metric(t("bureau.h.mean", lang), charts.score(h.mean_score), mean_delta, help=delta_help)
top_ranks = sorted(r for r in names if r > 0)
for i, rank in enumerate(top_ranks[1:3] if len(top_ranks) > 2 else top_ranks[:2]):
    cols[2 + i].metric(
        t("bureau.h.at_least", lang, rung=names[rank]),
        charts.count(h.at_least(rank)),
        f"{h.at_least(rank) - p.at_least(rank):+,}",
        help=delta_help,
    )
if h.scenarios_ai or p.scenarios_ai:
    cols[4].metric(t("bureau.h.ai", lang), charts.count(h.scenarios_ai), f"{h.scenarios_ai - p.scenarios_ai:+,}", help=delta_help)

render_targets(f, lang)

cov = state.call(register.coverage, f)
if cov is not None and cov.registered:
    st.subheader(t("bureau.cov.heading", lang))
    st.progress(
        min(1.0, (cov.percent or 0) / 100),
        text=t(
            "bureau.cov.value",
            lang,
            diagnosed=charts.count(cov.diagnosed),
            registered=charts.count(cov.registered),
            percent=charts.percent(cov.percent),
        ),
    )
    st.caption(t("bureau.cov.note", lang))

c1, c2 = st.columns(2)
with c1:
    st.subheader(t("bureau.c.by_area", lang))
    charts.rungs_by(d.by_area, f.questionnaire, lang, "area")
with c2:
    st.subheader(t("bureau.c.by_industry", lang))
    charts.rungs_by(d.by_industry, f.questionnaire, lang, "industry")
c3, c4 = st.columns(2)
with c3:
    st.subheader(t("bureau.c.blocking", lang))
    charts.blocking(d.blocking, f.questionnaire, lang)
with c4:
    st.subheader(t("bureau.c.sections", lang))
    charts.sections(d.sections, f.questionnaire, lang)
st.subheader(t("bureau.c.trend", lang))
charts.trend(d.trend, f.questionnaire, lang)

st.subheader(t("bureau.export", lang))
key = f"bureau.export.{hash(f)}"
if key not in st.session_state:
    if st.button(t("bureau.export.prepare", lang), key="bureau.export.prepare"):
        xlsx = state.call(export_view, f, "xlsx")
        csv = state.call(export_view, f, "csv")
        if xlsx is not None and csv is not None:
            st.session_state[key] = (xlsx, csv)
            st.rerun()
else:
    (xname, xdata), (cname, cdata) = st.session_state[key]
    e1, e2 = st.columns(2)
    e1.download_button(t("bureau.export.xlsx", lang), xdata, file_name=xname, key="bureau.export.xlsx", type="primary",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")  # fmt: skip
    e2.download_button(t("bureau.export.csv", lang), cdata, file_name=cname, key="bureau.export.csv", mime="text/csv")
