"""Bureau: enterprises close to the next tier or level — what each misses, whether it may
apply, and its consultant; open one for review."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import bureau_charts as charts
from app_pages.ui import bureau_filters, state
from app_pages.ui.bureau_review_link import open_buttons
from app_pages.ui.i18n import t
from app_pages.ui.text import plain
from assessment.refdata import load
from assessment.services.candidates import MAX_MISSING, candidates

lang = state.lang()
state.require_actor()
st.title(t("bureau.page.candidates", lang))
f = bureau_filters.filters(lang)
if f is None:
    st.stop()
assert f is not None
st.caption(bureau_filters.scope_caption(f, f.region or state.require_actor().jurisdiction or "", lang))
names = charts.rung_names(f.questionnaire, lang)
ranks = sorted(r for r in names if r + 1 in names)
c1, c2 = st.columns(2)
default = 2 if 2 in ranks else ranks[0]
rank = c1.selectbox(t("bureau.cand.rung", lang), ranks, index=ranks.index(default), format_func=lambda r: names[r], key="candidates.rung")
n = c2.slider(t("bureau.cand.max_missing", lang), 0, MAX_MISSING, 2, key="candidates.n")
rows = state.call(candidates, f, rung_rank=rank, max_missing=n)
if rows is None:
    st.stop()
assert rows is not None
st.subheader(t("bureau.cand.count", lang, n=charts.count(len(rows)), next=names[rank + 1], max=n))
if not rows:
    st.info(t("bureau.cand.none", lang))
    st.stop()
crit = charts.criterion_names(f.questionnaire, lang)
ref = load()
shown = rows[:500]
charts.table(
    [
        {
            t("bureau.cand.name", lang): plain(c.name),
            t("bureau.col.region", lang): ref.region_name(c.region_code),
            t("bureau.col.industry", lang): charts.industry_name(c.industry_code, lang),
            t("bureau.cand.missing_n", lang): len(c.missing),
            t("bureau.cand.missing", lang): "；".join(crit.get(m, m) for m in c.missing),
            t("bureau.cand.eligible", lang): t("bureau.yes" if c.eligible else "bureau.no", lang),
            t("bureau.cand.consultant", lang): plain("、".join(c.consultants)),
            t("bureau.col.score", lang): charts.score(c.score),
            t("bureau.col.status", lang): t("status." + c.status, lang),
        }
        for c in shown
    ]
)
if len(rows) > len(shown):
    st.caption(t("bureau.list.shown", lang, shown=len(shown)))
open_buttons({c.assessment_id: c.name for c in shown}, "candidates", lang)
