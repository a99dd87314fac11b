"""The result: tier / level, charts, criteria, gaps, roadmap, PDF, submission, comparison."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import answer_notes, exports_view, peer_view, report_people, result_view, return_notice, rounds_view, state, submission
from app_pages.ui.i18n import t
from app_pages.ui.text import md
from assessment import load_questionnaire, services

lang = state.lang()
L = lang
actor = state.require_actor()
aid, view = state.open_current()
result = state.call(services.result, aid)
if result is None:
    st.stop()
qn = load_questionnaire(view.summary.questionnaire)
st.title(f"{t('page.result', lang)} · {md(view.summary.organisation_name)}")
st.caption(f"{qn.title.get(L)} · {t('status.' + view.summary.status, lang)}")
submission.status_line(view, lang)
return_notice.render(view, lang)

result_view.render(result, lang, qn, view.answers)
peer_view.render(view, lang)
answer_notes.render(aid, qn, lang)

# ── PDF ────────────────────────────────────────────────────────────────────────────
st.divider()
assessor = report_people.assessor(lang)
pdf_key = f"result.pdf.{aid}.{view.version}.{lang}.{assessor}"
if pdf_key not in st.session_state:
    if st.button(t("r.pdf", lang), key="result.make_pdf"):
        with st.spinner(t("r.pdf_building", lang)):
            st.session_state[pdf_key] = state.call(report_people.build_pdf, aid, lang, assessor)
        st.rerun()
else:
    data = st.session_state[pdf_key]
    if data:
        st.download_button(
            t("r.pdf", lang),
            data=data,
            file_name=f"report-{aid}-r{view.revision}.pdf",
            mime="application/pdf",
            key="result.download",
            type="primary",
        )

exports_view.render(aid, view.version, result.grading == "tier", lang)

# ── submit ───────────────────────────────────────────────────────────────────────────
if view.editable and actor.role in ("enterprise", "consultant"):
    st.divider()
    pledge = st.checkbox(t("r.pledge", lang), key=f"result.pledge.{aid}")
    if st.button(t("r.submit", lang), type="primary", key="result.submit"):
        if not pledge:
            st.error(t("r.pledge_needed", lang))
        elif (done := state.call(services.submit, aid)) is not None:
            submission.confirm(done, lang)
            st.rerun()

# ── previous round ───────────────────────────────────────────────────────────────────
st.divider()
rounds_view.render(aid, lang)
