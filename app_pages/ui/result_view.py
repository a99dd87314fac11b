"""Rendering a Result: what decides the rung, charts, scenario levels, gaps, roadmap, criteria.

Everything shown comes from the Result (and, for the 智改数转 scenario chart, the answers);
nothing is recomputed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from assessment.engine.models import Questionnaire
from assessment.engine.results import Result

from . import decision, gap_list, scenario_levels
from .charts import bar_chart, radar_chart
from .i18n import t


def _l(text: object, lang: str) -> str:
    get = getattr(text, "get", None)
    return str(get("en" if lang == "en" else "zh")) if get else ""


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def charts(result: Result, lang: str) -> None:
    st.subheader(t("r.sections" if result.grading == "level" else "r.sections_completion", lang))
    left, right = st.columns([1, 1])
    radar = radar_chart(result, lang)
    if radar is not None:
        left.altair_chart(radar, width="stretch")
    right.altair_chart(bar_chart(result, lang), width="stretch")
    if result.metrics:
        cols = st.columns(len(result.metrics))
        for col, m in zip(cols, result.metrics, strict=True):
            col.metric(_l(m.label, lang), f"{_num(m.value)}{'%' if m.unit == '%' else ''}")


def roadmap(result: Result, lang: str) -> None:
    st.subheader(t("r.roadmap", lang))
    phases = [p for p in ("near", "mid", "long") if any(i.phase == p for i in result.roadmap)]
    if not phases:
        st.write("—")
        return
    tabs = st.tabs([t(f"phase.{p}", lang) for p in phases])
    for tab, phase in zip(tabs, phases, strict=True):
        with tab:
            for step in (i for i in result.roadmap if i.phase == phase):
                target = f" → {_l(step.target, lang)}" if step.target is not None else ""
                st.markdown(f"**{_l(step.action, lang)}**{target}")
                meta = [
                    f"{t('r.effort', lang)} {t('level.' + step.effort, lang)}",
                    f"{t('r.impact', lang)} {t('level.' + step.impact, lang)}",
                ]
                if step.solutions:
                    meta.append(f"{t('r.solutions', lang)}: {', '.join(step.solutions)}")
                st.caption("  ·  ".join(meta))
                if step.evidence:
                    st.caption(f"{t('r.evidence', lang)}: " + "；".join(_l(e, lang) for e in step.evidence))


def criteria(result: Result, lang: str) -> None:
    """Every rung's criteria with source and confidence; the next rung's facts are shown once,
    above, by :func:`decision.next_rung`, so here they are not repeated."""
    st.subheader(t("r.criteria", lang))
    for rung in result.rungs:
        mark = ":material/check_circle:" if rung.reached else ":material/radio_button_unchecked:"
        with st.expander(f"{mark} {_l(rung.label, lang)} — {_l(rung.verdict, lang)}"):
            for c in rung.criteria:
                icon = ":green[:material/check_circle:]" if c.met else ":red[:material/cancel:]"
                kind = f" :gray-badge[{t('r.eligibility', lang)}]" if c.kind == "eligibility" else ""
                lb, rb = ("［", "］") if lang == "zh" else ("[", "]")
                blank = f" {lb}{t('vm.unanswered_count', lang, n=len(c.unanswered))}{rb}" if c.unanswered and not c.met else ""
                st.markdown(f"{icon} **{_l(c.label, lang)}**{kind}{blank}")
                facts = "" if rung.id == result.next_rung else f"{_l(c.explanation, lang)}  ·  "
                sep = ": " if lang == "en" else "："
                st.caption(
                    f"{facts}{t('q.source', lang)}{sep}{c.source_title} › {c.source.clause}  ·  {t('q.confidence', lang)} {c.confidence}"
                )


def warnings(result: Result, lang: str) -> None:
    if result.warnings:
        st.subheader(t("r.warnings", lang))
        for w in result.warnings:
            st.warning(_l(w.message, lang), icon=":material/warning:")


def render(result: Result, lang: str, qn: Questionnaire | None = None, answers: Mapping[str, Any] | None = None) -> None:
    decision.headline(result, lang)
    decision.next_rung(result, lang)
    warnings(result, lang)
    charts(result, lang)
    if qn is not None and answers is not None:
        scenario_levels.render(qn, answers, lang)
    gap_list.render(result, qn, lang)
    roadmap(result, lang)
    criteria(result, lang)
    st.caption(t("app.disclaimer", lang))
