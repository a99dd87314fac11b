"""What decides the tier, first: the rung reached, the criteria of the next rung met and
unmet (a count and a list), and what 能力等级 and 可申报等级 mean.

The equal-weight score of the 智能工厂 questionnaire does not decide the tier; it is shown
as what it is, 建设内容完成度 (the share of construction content in place, every question
weighing the same), beside the headline rather than in it. The 智改数转 score is the
official 0–100 score and, with the scenario counts, does decide the level, so it stays.
Everything comes from the Result.
"""

from __future__ import annotations

import streamlit as st

from assessment.engine.results import CriterionResult, Result

from .i18n import t

BADGE_COLOURS = {1: "blue", 2: "green", 3: "orange", 4: "violet"}
MET = ":material/check_circle:"
UNMET = ":material/cancel:"


def _l(text: object, lang: str) -> str:
    get = getattr(text, "get", None)
    return str(get("en" if lang == "en" else "zh")) if get else ""


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _criterion_line(c: CriterionResult, lang: str, with_facts: bool) -> str:
    mark = f":green[{MET}]" if c.met else f":red[{UNMET}]"
    kind = f" :gray-badge[{t('r.eligibility', lang)}]" if c.kind == "eligibility" else ""
    facts = f"  \n  {_l(c.explanation, lang)}" if with_facts else ""
    return f"{mark} **{_l(c.label, lang)}**{kind}{facts}"


def headline(result: Result, lang: str) -> None:
    reached = next((r for r in reversed(result.rungs) if r.reached), None)
    colour = BADGE_COLOURS.get(reached.rank, "gray") if reached else "gray"
    if result.grading == "tier":
        cols = st.columns(3)
        with cols[0]:
            st.markdown(f"**{t('r.capability', lang)}**")
            st.markdown(f"### :{colour}-background[{_l(result.rung_label, lang)}]")
            st.caption(t("r.capability_means", lang))
        with cols[1]:
            st.markdown(f"**{t('r.eligible', lang)}**")
            st.markdown(f"### :gray-background[{_l(result.eligible_label, lang)}]")
            st.caption(t("r.eligible_means", lang))
        share = 100.0 * result.score / result.max_score if result.max_score else 0.0
        cols[2].metric(t("r.completion", lang), f"{_num(share)}%", help=t("r.completion_help", lang), border=True)
        cols[2].caption(t("r.answered_line", lang, answered=result.answered, total=result.total_questions))
    else:
        cols = st.columns(3)
        with cols[0]:
            st.markdown(f"**{t('r.level', lang)}**")
            st.markdown(f"### :{colour}-background[{_l(result.rung_label, lang)}]")
        cols[1].metric(t("r.score", lang), f"{_num(result.score)} / {_num(result.max_score)}", border=True)
        cols[2].metric(t("r.answered", lang), f"{result.answered} / {result.total_questions}", border=True)


def next_rung(result: Result, lang: str) -> None:
    """The next rung's criteria: how many are met, the unmet ones with their facts first."""
    rung = next((r for r in result.rungs if r.id == result.next_rung), None)
    if rung is None:
        st.success(t("r.top_reached", lang, rung=_l(result.rung_label, lang)), icon=":material/workspace_premium:")
        return
    met = [c for c in rung.criteria if c.met]
    unmet = [c for c in rung.criteria if not c.met]
    st.subheader(t("r.decides", lang, rung=_l(rung.label, lang)))
    st.markdown(t("r.decides_count", lang, met=len(met), total=len(rung.criteria), unmet=len(unmet), rung=_l(rung.label, lang)))
    st.progress(len(met) / len(rung.criteria) if rung.criteria else 1.0)
    for c in unmet:
        st.markdown(_criterion_line(c, lang, with_facts=True))
    if met:
        with st.expander(t("r.met_list", lang, n=len(met))):
            for c in met:
                st.markdown(_criterion_line(c, lang, with_facts=True))
