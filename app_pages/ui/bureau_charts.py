"""Charts and number formats of the bureau's dashboard (altair; figures come from the services).

Numbers are rounded for people: counts as whole numbers with thousands separators, scores to
one decimal, shares to whole percent. Regions and industries are shown by name.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.ui.i18n import t
from assessment import load_questionnaire
from assessment.engine.base import Lang
from assessment.refdata import load
from assessment.services import bureau


def count(n: float | int | None) -> str:
    return "—" if n is None else f"{round(n):,}"


def score(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}"


def percent(x: float | None) -> str:
    return "—" if x is None else f"{x:.0f}%"


def rung_names(ref: str, lang: Lang) -> dict[int, str]:
    q = load_questionnaire(ref)
    names = {0: q.grading.none_label.get(lang)}
    names.update({r.rank: r.label.get(lang) for r in q.grading.rungs})
    return names


def criterion_names(ref: str, lang: Lang) -> dict[str, str]:
    q = load_questionnaire(ref)
    return {c.id: c.label.get(lang) for r in q.grading.rungs for c in r.criteria}


def area_name(code: str) -> str:
    return bureau.region_label(code)


def industry_name(code: str, lang: Lang) -> str:
    e = load().industries.get(code)
    return (e.name if lang == "zh" else e.en) if e else code


def _stacked(df: pd.DataFrame, y: str, lang: Lang, order: list[str]) -> alt.Chart:
    rung = t("bureau.c.rung", lang)
    n = t("bureau.c.count", lang)
    chart: alt.Chart = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y(f"{y}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=200)),
            x=alt.X(f"{n}:Q", stack="zero"),
            color=alt.Color(f"{rung}:N", sort=order, scale=alt.Scale(scheme="blues")),
            order=alt.Order("rank:Q"),
            tooltip=[y, rung, n],
        )
        .properties(height=alt.Step(18))
    )
    return chart


def rungs_by(rows: list[tuple[str, int, int, float]], ref: str, lang: Lang, kind: str) -> None:
    names = rung_names(ref, lang)
    label = t("bureau.c.region" if kind == "area" else "bureau.c.industry", lang)
    df = pd.DataFrame(
        [
            {label: area_name(c) if kind == "area" else industry_name(c, lang), t("bureau.c.rung", lang): names.get(r, str(r)), "rank": r,
             t("bureau.c.count", lang): n}
            for c, r, n, _ in rows
        ]
    )  # fmt: skip
    if df.empty:
        st.caption(t("bureau.t.none", lang))
        return
    st.altair_chart(_stacked(df, label, lang, [names[k] for k in sorted(names)]), width="stretch")


def sections(rows: list[tuple[str, int, int]], ref: str, lang: Lang) -> None:
    q = load_questionnaire(ref)
    labels = {s.id: s.label.get(lang) for s in q.sections}
    sec, band, n = t("bureau.c.section", lang), t("bureau.c.band", lang), t("bureau.c.count", lang)
    df = pd.DataFrame(
        [{sec: labels.get(s, s), band: f"{b * 10}–{min(100, b * 10 + 10)}" if b < 10 else "100", "b": b, n: c} for s, b, c in rows]
    )
    if df.empty:
        st.caption(t("bureau.t.none", lang))
        return
    chart = (
        alt.Chart(df)
        .mark_rect()
        .encode(
            x=alt.X(f"{band}:O", sort=alt.EncodingSortField("b")),
            y=alt.Y(f"{sec}:N", title=None),
            color=alt.Color(f"{n}:Q", scale=alt.Scale(scheme="blues")),
            tooltip=[sec, band, n],
        )
    )
    st.altair_chart(chart, width="stretch")


def blocking(rows: list[tuple[str, int, int]], ref: str, lang: Lang) -> None:
    names = criterion_names(ref, lang)
    rnames = rung_names(ref, lang)
    crit, n, rung = t("bureau.c.criterion", lang), t("bureau.c.count", lang), t("bureau.c.rung", lang)
    df = pd.DataFrame([{crit: names.get(c, c), rung: rnames.get(r, str(r)), n: k} for c, r, k in rows])
    if df.empty:
        st.caption(t("bureau.t.none", lang))
        return
    order = [rnames[k] for k in sorted(rnames)]
    chart = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y(f"{crit}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320)),
            x=f"{n}:Q",
            color=alt.Color(f"{rung}:N", sort=order, scale=alt.Scale(scheme="blues")),
            tooltip=[crit, rung, n],
        )
    )
    st.altair_chart(chart, width="stretch")


def trend(rows: list[tuple[str, int, int]], ref: str, lang: Lang) -> None:
    names = rung_names(ref, lang)
    quarter, n, rung = t("bureau.c.quarter", lang), t("bureau.c.submissions", lang), t("bureau.c.rung", lang)
    df = pd.DataFrame([{quarter: p, rung: names.get(r, str(r)), "rank": r, n: k} for p, r, k in rows])
    if df.empty:
        st.caption(t("bureau.t.none", lang))
        return
    chart = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X(f"{quarter}:O"),
            y=alt.Y(f"{n}:Q", stack="zero"),
            color=alt.Color(f"{rung}:N", sort=[names[k] for k in sorted(names)], scale=alt.Scale(scheme="blues")),
            order=alt.Order("rank:Q"),
            tooltip=[quarter, rung, n],
        )
    )
    st.altair_chart(chart, width="stretch")


def table(rows: list[dict[str, Any]]) -> None:
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
