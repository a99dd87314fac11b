"""Rendering a Result: badge, figures, charts, criteria checklist, gaps, roadmap, warnings.

Everything shown comes from the Result; nothing is recomputed here.
"""

from __future__ import annotations

import streamlit as st

from assessment.engine.results import Result

from .charts import bar_chart, radar_chart
from .i18n import t
from .text import md

BADGE_COLOURS = {1: "blue", 2: "green", 3: "orange", 4: "violet"}


def _l(text: object, lang: str) -> str:
    get = getattr(text, "get", None)
    return str(get("en" if lang == "en" else "zh")) if get else ""


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def headline(result: Result, lang: str) -> None:
    reached = next((r for r in reversed(result.rungs) if r.reached), None)
    colour = BADGE_COLOURS.get(reached.rank, "gray") if reached else "gray"
    cols = st.columns(4)
    if result.grading == "tier":
        with cols[0]:
            st.markdown(f"**{t('r.capability', lang)}**")
            st.markdown(f"### :{colour}-background[{_l(result.rung_label, lang)}]")
        with cols[1]:
            st.markdown(f"**{t('r.eligible', lang)}**")
            st.markdown(f"### :gray-background[{_l(result.eligible_label, lang)}]")
    else:
        with cols[0]:
            st.markdown(f"**{t('r.level', lang)}**")
            st.markdown(f"### :{colour}-background[{_l(result.rung_label, lang)}]")
    cols[2].metric(t("r.score", lang), f"{_num(result.score)} / {_num(result.max_score)}")
    cols[3].metric(t("r.answered", lang), f"{result.answered} / {result.total_questions}")
    st.info(_l(result.verdict, lang))


def charts(result: Result, lang: str) -> None:
    st.subheader(t("r.sections", lang))
    left, right = st.columns([1, 1])
    radar = radar_chart(result, lang)
    if radar is not None:
        left.altair_chart(radar, width="content")
    right.altair_chart(bar_chart(result, lang), width="stretch")
    if result.metrics:
        cols = st.columns(len(result.metrics))
        for col, m in zip(cols, result.metrics, strict=True):
            col.metric(_l(m.label, lang), f"{_num(m.value)}{'%' if m.unit == '%' else ''}")


def criteria(result: Result, lang: str) -> None:
    st.subheader(t("r.criteria", lang))
    for rung in result.rungs:
        mark = "✅" if rung.reached else "⬜"
        with st.expander(f"{mark} {_l(rung.label, lang)} — {_l(rung.verdict, lang)}", expanded=rung.id == result.next_rung):
            for c in rung.criteria:
                icon = "✔️" if c.met else "❌"
                kind = f" ［{t('r.eligibility', lang)}］" if c.kind == "eligibility" else ""
                lb, rb = ("［", "］") if lang == "zh" else ("[", "]")
                blank = f" {lb}{t('vm.unanswered_count', lang, n=len(c.unanswered))}{rb}" if c.unanswered and not c.met else ""
                st.markdown(f"{icon} **{_l(c.label, lang)}**{kind}{blank}")
                st.caption(
                    f"{_l(c.explanation, lang)}  ·  {t('q.source', lang)}: {c.source_title} › {c.source.clause}"
                    f"  ·  {t('q.confidence', lang)} {c.confidence}"
                )


def gaps_and_roadmap(result: Result, lang: str) -> None:
    st.subheader(t("r.gaps", lang))
    nxt = [g for g in result.gaps if g.blocks_next]
    if not nxt:
        st.write(t("r.no_gaps", lang))
    for g in nxt:
        st.markdown(f"- **{_l(g.label, lang)}** — {_l(g.explanation, lang)}")
        for it in g.items[:6]:
            if it.unanswered:
                opened, closed = ("（", "）") if lang == "zh" else (" (", ")")
                current = f":orange-background[{t('vm.unanswered', lang)}]{opened}{t('vm.unanswered_prompt', lang)}{closed}"
            else:
                current = md(_l(it.current, lang))
            st.markdown(f"    - {_l(it.label, lang)}: {current} → {_l(it.target, lang)}")
        if len(g.items) > 6:
            st.caption(f"    … +{len(g.items) - 6}")
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


def warnings(result: Result, lang: str) -> None:
    if result.warnings:
        st.subheader(t("r.warnings", lang))
        for w in result.warnings:
            st.warning(_l(w.message, lang), icon=":material/warning:")


def render(result: Result, lang: str) -> None:
    headline(result, lang)
    warnings(result, lang)
    charts(result, lang)
    gaps_and_roadmap(result, lang)
    criteria(result, lang)
    st.caption(t("app.disclaimer", lang))
