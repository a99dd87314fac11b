"""My assessments: rounds, status and progress; start a new round; open one."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import consultant_client, excel_import_view, return_notice, rounds_view, state
from app_pages.ui.i18n import t
from app_pages.ui.text import plain
from assessment import available, load_questionnaire, services

OPEN_LABEL = {"draft": "list.open", "returned": "list.open_returned"}  # the rest open read-only: 查看答卷
lang = state.lang()
L = lang
actor = state.require_actor()
st.title(t("page.assessments", lang))

orgs = state.call(services.list_organisations) or []
if not orgs:
    st.info(t("list.no_org" if actor.role == "enterprise" else "clients.empty", lang))
    st.stop()

org_ids = [o.id for o in orgs]
names = {o.id: o.name for o in orgs}
chosen = consultant_client.current(orgs)
org_id = st.selectbox(
    t("list.organisation", lang),
    org_ids,
    format_func=lambda i: plain(names[i]),
    key="assessments.org",
    index=org_ids.index(chosen.id) if chosen else 0,
    on_change=consultant_client.picked,
    args=("assessments.org", orgs),
)
refs = sorted(available())
titles = {r: load_questionnaire(r).title.get(L) for r in refs}
c1, c2 = st.columns([3, 1])
ref = c1.selectbox(t("list.questionnaire", lang), refs, format_func=lambda r: titles[r], key=f"assessments.questionnaire.{lang}")
if c2.button(t("list.start", lang), type="primary", key="assessments.start"):
    view = state.call(services.start_assessment, org_id, ref)
    if view is not None:
        st.session_state[state.CURRENT] = view.summary.id
        st.switch_page("app_pages/questionnaire.py")
excel_import_view.render(org_id, next(o.credit_code for o in orgs if o.id == org_id), lang)

page = state.call(services.list_assessments, organisation_id=org_id)
items = page.items if page else []
if not items:
    st.info(t("list.empty", lang))
    st.stop()

st.subheader(t("list.heading", lang))
for a in items:
    qn = load_questionnaire(a.questionnaire)
    with st.container(border=True):
        cols = st.columns([3, 2, 2, 2, 2])
        cols[0].markdown(f"**{qn.title.get(L)}**  \n{t('list.round', lang, n=rounds_view.number(a.id))} · {a.updated_at:%Y-%m-%d %H:%M}")
        cols[1].markdown(f"{t('list.status', lang)}  \n**{t('status.' + a.status, lang)}**")
        detail = state.call(services.get_assessment, a.id)
        return_notice.render(detail, lang)
        if detail is not None:
            done = detail.progress
            cols[1].progress(done.share, text=t("q.progress", lang, answered=done.answered, total=done.total))
        result_text = "—"
        if a.rung is not None:
            result_text = next((r.label.get(L) for r in qn.grading.rungs if r.id == a.rung), a.rung)
        elif a.score is not None:
            result_text = qn.grading.none_label.get(L)
        cols[2].markdown(f"{t('list.result', lang)}  \n**{result_text}**")
        if cols[3].button(t(OPEN_LABEL.get(a.status, "list.open_view"), lang), key=f"assessments.open.{a.id}"):
            st.session_state[state.CURRENT] = a.id
            st.switch_page("app_pages/questionnaire.py")
        if cols[4].button(t("list.view", lang), key=f"assessments.view.{a.id}"):
            st.session_state[state.CURRENT] = a.id
            st.switch_page("app_pages/result.py")
