"""The 16 数字化经营 scenarios of the 智改数转 diagnostic, each with the level reached, as a
chart (the PDF draws the same picture as a table).

The level of a scenario is the rank of the option chosen (未达到一级 = 0 … 四级 = 4); constraint
scenarios (tag ``constraint``) are marked. Nothing is recomputed: it reads the answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from assessment.engine.models import Questionnaire

from .i18n import t


def levelled(qn: Questionnaire) -> list[Any]:
    """Scenario questions without a 环节 (``guide_stage``): the levelled ones."""
    return [q for q in qn.questions if "scenario" in q.tags and q.kind == "single" and q.guide_stage is None]


def render(qn: Questionnaire, answers: Mapping[str, Any], lang: str) -> None:
    scen = levelled(qn)
    if not scen:
        return
    key = "en" if lang == "en" else "zh"
    kinds = (t("chart.constraint", lang), t("chart.guiding", lang))
    rows = []
    for q in scen:
        value = answers.get(q.id)
        rank = max(0, q.rank(value)) if isinstance(value, str) else 0
        rows.append(
            {
                "scenario": q.label.get(key),
                "level": rank,
                "label": q.options[rank].label.get(key),
                "kind": kinds[0] if "constraint" in q.tags else kinds[1],
            }
        )
    df = pd.DataFrame(rows)
    st.subheader(t("chart.scenarios_heading", lang))
    top = len(scen[0].options) - 1
    chart = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("scenario:N", sort=None, title=None, axis=alt.Axis(labelOverlap=False, labelLimit=240)),
            x=alt.X("level:Q", title=t("chart.level_axis", lang), scale=alt.Scale(domain=[0, top]), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "kind:N", title=None, scale=alt.Scale(domain=list(kinds), range=["#1f3b73", "#2a9d8f"]), legend=alt.Legend(orient="bottom")
            ),
            tooltip=[alt.Tooltip("scenario:N", title=t("q.col.scenario", lang)), alt.Tooltip("label:N", title=t("chart.level_axis", lang))],
        )
        .properties(height=alt.Step(26), width="container")  # one row per scenario, every label shown
    )
    st.altair_chart(chart, width="stretch")
