"""The peer benchmark on the enterprise's result page (cells of fewer than 5 suppressed)."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import state
from app_pages.ui.bureau_charts import industry_name, percent, rung_names, score
from app_pages.ui.i18n import t
from assessment import services
from assessment.engine.base import Lang
from assessment.refdata import load
from assessment.services.peers import MIN_CELL, peer_benchmark


def render(view: services.AssessmentView, lang: Lang) -> None:
    """Shown to the enterprise and its consultant once the assessment has been submitted."""
    if view.access != "owner":
        return
    st.divider()
    st.subheader(t("peer.heading", lang))
    if view.summary.submitted_revision is None:
        st.caption(t("peer.not_submitted", lang))
        return
    pb = state.call(peer_benchmark, view.summary.id)
    if pb is None:
        return
    names = rung_names(pb.questionnaire, lang)
    city = load().prefectures.get(pb.city_code)
    st.caption(t("peer.caption", lang, region=city.name if city else pb.city_code, industry=industry_name(pb.industry_code, lang),
                 questionnaire=pb.questionnaire))  # fmt: skip
    nd = t("peer.suppressed", lang)
    rows = []
    for g in pb.groups:
        row = {
            t("peer.group", lang): t(f"peer.g.{g.kind}", lang),
            t("peer.n", lang): nd if g.n is None else f"{g.n:,}",
            t("peer.p25", lang): nd if g.p25 is None else score(g.p25),
            t("peer.median", lang): nd if g.median is None else score(g.median),
            t("peer.p75", lang): nd if g.p75 is None else score(g.p75),
            t("peer.share_at_least", lang): nd if g.share_at_least is None else percent(g.share_at_least),
        }
        for rank in sorted(names):
            value = dict(g.cells).get(rank, 0) if g.n is not None else None
            row[names[rank]] = nd if value is None else f"{value:,}"
        rows.append(row)
    c1, c2 = st.columns([1, 4])
    c1.metric(t("peer.yours", lang), score(pb.score), help=names.get(pb.rung_rank, ""))
    c2.dataframe(rows, hide_index=True, width="stretch")
    st.caption(t("peer.suppressed_note", lang, k=MIN_CELL))
