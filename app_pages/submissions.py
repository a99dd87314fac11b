"""Bureau: submitted assessments in the jurisdiction; open one, return it or verify it."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import state
from app_pages.ui.i18n import t
from app_pages.ui.text import plain
from assessment import load_questionnaire, services

lang = state.lang()
L = lang
actor = state.require_actor()
st.title(t("page.submissions", lang))
page = state.call(services.list_assessments, limit=500)
items = page.items if page else []
if not items:
    st.info(t("list.empty", lang))
    st.stop()
labels = {}
rows = []
for a in items:
    qn = load_questionnaire(a.questionnaire)
    rung = next((r.label.get(L) for r in qn.grading.rungs if r.id == a.rung), qn.grading.none_label.get(L))
    labels[a.id] = f"{plain(a.organisation_name)} · {qn.title.get(L)}"
    rows.append(
        {
            t("list.organisation", lang): plain(a.organisation_name),
            t("list.questionnaire", lang): qn.title.get(L),
            t("list.status", lang): t("status." + a.status, lang),
            t("list.result", lang): rung,
            t("r.score", lang): a.score,
            t("org.region", lang): a.region_code,
        }
    )
st.dataframe(rows, hide_index=True, width="stretch")
aid = st.selectbox(t("list.view", lang), [a.id for a in items], format_func=lambda i: labels[i], key="submissions.pick")
c1, c2, c3 = st.columns(3)
if c1.button(t("list.view", lang), key="submissions.open", type="primary"):
    st.session_state[state.CURRENT] = aid
    st.switch_page("app_pages/result.py")
if c2.button(t("status.verified", lang), key="submissions.verify") and state.call(services.verify_assessment, aid) is not None:
    st.rerun()
reason = c3.text_input(t("q.note", lang), key="submissions.reason", max_chars=2000)
if c3.button(t("status.returned", lang), key="submissions.return"):
    if state.call(services.return_assessment, aid, reason or "—") is not None:
        st.rerun()
