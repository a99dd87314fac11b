"""Bureau: the submissions of the filtered view, one row per enterprise (its latest round);
open one to review it."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import bureau_charts as charts
from app_pages.ui import bureau_filters, state
from app_pages.ui.bureau_review_link import open_buttons
from app_pages.ui.i18n import t
from app_pages.ui.text import plain
from assessment.refdata import load
from assessment.services.bureau_export import enterprise_rows
from assessment.services.facts import CHINA

LIMIT = 1000
lang = state.lang()
state.require_actor()
st.title(t("page.submissions", lang))
f = bureau_filters.filters(lang)
if f is None:
    st.stop()
assert f is not None
rows = state.call(enterprise_rows, f, LIMIT + 1)
if rows is None:
    st.stop()
assert rows is not None
names = charts.rung_names(f.questionnaire, lang)
ref = load()
shown = rows[:LIMIT]
st.subheader(t("bureau.list.enterprises", lang, n=charts.count(len(shown)) + ("+" if len(rows) > LIMIT else "")))
charts.table(
    [
        {
            t("bureau.col.name", lang): plain(e.name),
            t("bureau.col.region", lang): ref.region_name(e.region_code),
            t("bureau.col.industry", lang): charts.industry_name(e.industry_code, lang),
            t("bureau.col.rung", lang): names.get(e.rung_rank, ""),
            t("bureau.col.score", lang): charts.score(e.score),
            t("bureau.col.status", lang): t("status." + e.status, lang),
            t("bureau.col.submitted", lang): (e.submitted_at + CHINA).strftime("%Y-%m-%d"),
        }
        for e in shown
    ]
)
if len(rows) > LIMIT:
    st.caption(t("bureau.list.shown", lang, shown=LIMIT))
open_buttons({e.assessment_id: e.name for e in shown}, "submissions", lang)
