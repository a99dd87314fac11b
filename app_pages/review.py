"""Bureau: review one submission — its result, answers, notes, evidence files and history —
and act on it: 核实 (verify) or 退回修改 (return, with the reason the enterprise will see)."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import result_view, state
from app_pages.ui.bureau_charts import table
from app_pages.ui.i18n import t
from app_pages.ui.text import md, plain, show, tx
from assessment import load_questionnaire, services
from assessment.services.facts import CHINA
from assessment.services.review import answer_rows, changes_since_return

_ACTS = {"bureau.act.assessment.start", "bureau.act.assessment.submit", "bureau.act.assessment.return", "bureau.act.assessment.verify"}
lang = state.lang()
actor = state.require_actor()
aid = state.current_assessment()
if aid is None:
    st.title(t("bureau.page.review", lang))
    st.info(t("bureau.rev.pick", lang))
    st.stop()
assert aid is not None
view = state.call(services.get_assessment, aid)
if view is None:
    st.stop()
assert view is not None
qn = load_questionnaire(view.summary.questionnaire)
st.title(tx("bureau.rev.heading", lang, name=view.summary.organisation_name))
when = (view.submitted_at + CHINA).strftime("%Y-%m-%d %H:%M") if view.submitted_at else "—"
st.caption(t("bureau.rev.meta", lang, questionnaire=f"{qn.title.get(lang)} {qn.ref}", revision=view.revision,
             status=t("status." + view.summary.status, lang), when=when))  # fmt: skip
if view.return_reason and view.summary.status == "returned":
    st.warning(f"{t('bureau.returned.reason', lang)} {md(view.return_reason)}")

# ── verbs ───────────────────────────────────────────────────────────────────────────
st.subheader(t("bureau.rev.actions", lang))
if view.summary.status in ("submitted", "resubmitted"):
    c1, c2 = st.columns([1, 2])
    with c1:
        st.caption(t("bureau.rev.verify_help", lang))
        if st.button(t("bureau.rev.verify", lang), key="review.verify", type="primary"):
            if state.call(services.verify_assessment, aid) is not None:
                state.flash(t("bureau.rev.verified", lang))
                st.rerun()
    with c2, st.form("review.return_form"):
        reason = st.text_area(t("bureau.rev.reason", lang), key="review.reason", max_chars=2000)
        if st.form_submit_button(t("bureau.rev.return", lang)):
            if not reason.strip():
                st.error(t("bureau.rev.reason_needed", lang))
            elif state.call(services.return_assessment, aid, reason) is not None:
                state.flash(t("bureau.rev.returned", lang))
                st.rerun()
else:
    st.caption(t("bureau.rev.final", lang, status=t("status." + view.summary.status, lang)))
state.show_flash()

tabs = st.tabs([t(k, lang) for k in ("bureau.rev.tab.result", "bureau.rev.tab.changes", "bureau.rev.tab.answers", "bureau.rev.tab.evidence",
                                     "bureau.rev.tab.history")])  # fmt: skip
with tabs[0]:
    res = state.call(services.result, aid)
    if res is not None:
        result_view.render(res, lang)
with tabs[1]:
    changes = state.call(changes_since_return, aid)
    if changes is None:
        st.caption(t("bureau.rev.not_resubmitted", lang))
    elif not changes:
        st.caption(t("bureau.rev.no_changes", lang))
    else:
        table([{t("bureau.rev.question", lang): c.label.get(lang), t("bureau.rev.before", lang): c.before.get(lang),
                t("bureau.rev.after", lang): c.after.get(lang)} for c in changes])  # fmt: skip
with tabs[2]:
    rows = answer_rows(qn, view.answers)
    sec, ques, ans = t("bureau.c.section", lang), t("bureau.rev.question", lang), t("bureau.rev.answer", lang)
    table([{sec: r.section.get(lang), ques: r.label.get(lang), ans: r.answer.get(lang)} for r in rows])
with tabs[3]:
    labels = {x.id: x.label.get(lang) for x in qn.questions}
    notes = state.call(services.list_notes, aid, revision=view.revision) or []
    if not notes:
        st.caption(t("bureau.rev.no_notes", lang))
    for n in notes:
        st.markdown(f"**{md(labels.get(n.question_id, n.question_id))}**")
        show(n.text)
    files = state.call(services.list_evidence, aid, revision=view.revision) or []
    if not files:
        st.caption(t("bureau.rev.no_evidence", lang))
    for e in files:
        with st.container(border=True):
            c1, c2 = st.columns([4, 1])
            with c1:
                show(e.filename)
                st.caption(
                    tx("bureau.rev.file", lang, question=labels.get(e.question_id, e.question_id), size=max(1, round(e.size / 1024)))
                )
            got = state.call(services.get_evidence, e.id)
            if got is not None:
                info, data = got
                c2.download_button(
                    t("bureau.rev.download", lang), data, file_name=info.filename, mime=info.content_type, key=f"review.dl.{e.id}"
                )
                if info.content_type.startswith("image/"):
                    st.image(data)
with tabs[4]:
    hist = state.call(services.assessment_history, aid) or []
    table(
        [
            {
                t("bureau.rev.history.when", lang): (h.at + CHINA).strftime("%Y-%m-%d %H:%M"),
                t("bureau.rev.history.who", lang): plain(h.actor),
                t("bureau.rev.history.what", lang): t(f"bureau.act.{h.action}", lang),
                t("bureau.rev.history.detail", lang): plain(h.detail.get("reason", "")),
            }
            for h in hist
            if f"bureau.act.{h.action}" in _ACTS
        ]
    )
