"""「与上一轮比较」 on the result page: the round's number and what changed since the
previous round of the same questionnaire — the tier or level change first, then each
section's change, the gaps closed and the gaps new. Rendered from the services'
:class:`~assessment.engine.compare.RoundComparison`; nothing is recomputed here.
"""

from __future__ import annotations

import streamlit as st

from assessment import services
from assessment.engine.base import Lang
from assessment.engine.compare import GapChange

from . import state
from .i18n import t


def _gaps(title: str, gaps: tuple[GapChange, ...], lang: str) -> None:
    L: Lang = "en" if lang == "en" else "zh"
    st.markdown(f"**{title}**")
    if not gaps:
        st.caption(t("consult.rounds.none", lang))
        return
    rows = [{t("consult.rounds.gap_rung", lang): g.rung_label.get(L), t("consult.rounds.gap", lang): g.label.get(L)} for g in gaps]
    st.dataframe(rows, hide_index=True, width="stretch")


def number(assessment_id: int) -> int | str:
    """The round number of an assessment (per enterprise and questionnaire, by creation)."""
    info = state.call(services.round_info, assessment_id)
    return info.number if info is not None else "—"


def render(assessment_id: int, lang: str) -> None:
    L: Lang = "en" if lang == "en" else "zh"
    st.subheader(t("consult.rounds.heading", lang))
    got = state.call(services.compare_with_previous, assessment_id)
    if got is None:
        return
    info, c = got
    st.caption(t("consult.rounds.number", lang, n=info.number, count=info.count))
    if c is None:
        st.caption(t("consult.rounds.first", lang))
        return
    show = st.success if c.rung_change == "up" else st.warning if c.rung_change == "down" else st.info
    show(c.headline.get(L))
    if c.grading == "tier" and c.eligible_before is not None and c.eligible_after is not None:
        st.caption(t("consult.rounds.eligible", lang, before=c.eligible_before.get(L), after=c.eligible_after.get(L)))
    rows = [
        {
            t("consult.rounds.section", lang): s.label.get(L),
            t("consult.rounds.before", lang): "—" if s.before is None else f"{s.before:.0f}%",
            t("consult.rounds.after", lang): "—" if s.after is None else f"{s.after:.0f}%",
            t("consult.rounds.delta", lang): "—" if s.delta is None else f"{s.delta:+.0f}",
        }
        for s in c.sections
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    _gaps(t("consult.rounds.closed", lang, n=len(c.gaps_closed)), c.gaps_closed, lang)
    _gaps(t("consult.rounds.new", lang, n=len(c.gaps_new)), c.gaps_new, lang)
