"""The result: tier / level, charts, criteria, gaps, roadmap, PDF, submission, comparison."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import answer_notes, result_view, state, submission
from app_pages.ui.i18n import t
from app_pages.ui.text import md, tx
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
if view.return_reason:
    st.warning(tx("render.return_reason", lang, reason=view.return_reason))

result_view.render(result, lang, qn, view.answers)
answer_notes.render(aid, qn, lang)

# ── PDF ────────────────────────────────────────────────────────────────────────────
st.divider()
pdf_key = f"result.pdf.{aid}.{view.version}.{lang}"
if pdf_key not in st.session_state:
    if st.button(t("r.pdf", lang), key="result.make_pdf"):
        with st.spinner(t("r.pdf_building", lang)):
            st.session_state[pdf_key] = state.call(state.build_pdf, aid, lang)
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
st.subheader(t("r.compare", lang))
rounds = state.call(services.list_assessments, organisation_id=view.summary.organisation_id, questionnaire=qn.id)
older = [a for a in (rounds.items if rounds else []) if a.id != aid and a.updated_at <= view.summary.updated_at]
previous = state.call(services.result, older[0].id) if older else None
if previous is None:
    st.caption(t("r.no_previous", lang))
else:
    before = {s.id: s.percent for s in previous.sections}
    rows = [
        {
            t("chart.section", lang): s.label.get(L),
            t("chart.current", lang): f"{s.percent:.0f}%",
            t("r.delta", lang): f"{s.percent - before.get(s.id, 0.0):+.0f}",
        }
        for s in result.sections
    ]
    rows.insert(
        0,
        {
            t("chart.section", lang): t("r.score", lang),
            t("chart.current", lang): f"{result.score:.1f}",
            t("r.delta", lang): f"{result.score - previous.score:+.1f}",
        },
    )
    st.dataframe(rows, hide_index=True, width="stretch")
