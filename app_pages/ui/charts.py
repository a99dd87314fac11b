"""Altair charts of a Result's section shares: a radar and bars, both as wide as their column.

Vega-Lite has no radar mark; the radar is a closed line over polar coordinates computed
here. Charts only render what the Result says. The next rung's requirement is not drawn:
a section's share counts every practice in place, the requirement only those of the next
rung, so one sitting above the other said nothing about the tier (the page lists the next
rung's conditions instead).
"""

from __future__ import annotations

import math
from typing import Any

import altair as alt
import pandas as pd

from assessment.engine.results import Result

from .i18n import t


def _frame(result: Result, lang: str, radar_only: bool) -> pd.DataFrame:
    rows = []
    for s in result.sections:
        if radar_only and not s.radar:
            continue
        rows.append(
            {
                "section": s.label.get("en" if lang == "en" else "zh"),
                "percent": round(s.percent, 1),
                "target": None if s.target_percent is None else round(s.target_percent, 1),
                "earned": s.earned,
                "max": s.max,
            }
        )
    return pd.DataFrame(rows)


def _share_label(result: Result, lang: str) -> str:
    return t("chart.score" if result.grading == "level" else "chart.completion", lang) + " %"


def bar_chart(result: Result, lang: str) -> Any:
    df = _frame(result, lang, radar_only=False)
    score = _share_label(result, lang)
    bars = (
        alt.Chart(df)
        .mark_bar(color="#2f6fb3")
        .encode(
            y=alt.Y("section:N", sort=None, title=None),
            x=alt.X("percent:Q", title=score, scale=alt.Scale(domain=[0, 100])),
            tooltip=[alt.Tooltip("section:N", title=t("chart.section", lang)), alt.Tooltip("percent:Q", title=score)],
        )
    )
    return bars.properties(height=40 * len(df) + 40, width="container")


def radar_chart(result: Result, lang: str) -> Any:
    df = _frame(result, lang, radar_only=True)
    n = len(df)
    if n < 3:
        return None
    pts = []
    for i, row in df.iterrows():
        value = row["percent"]
        angle = 2 * math.pi * int(str(i)) / n - math.pi / 2
        pts.append(
            {"order": int(str(i)), "section": row["section"], "value": value, "x": value * math.cos(angle), "y": -value * math.sin(angle)}
        )
    data = pd.DataFrame(pts)
    # close each polygon
    closing = data.sort_values("order").head(1).assign(order=n)
    data = pd.concat([data, closing], ignore_index=True)
    grid = []
    for level in (25, 50, 75, 100):
        for i in range(n + 1):
            angle = 2 * math.pi * (i % n) / n - math.pi / 2
            grid.append({"level": level, "order": i, "x": level * math.cos(angle), "y": -level * math.sin(angle)})
    axis = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    scale = alt.Scale(domain=[-150, 150])
    enc = {"x": alt.X("x:Q", axis=axis, scale=scale), "y": alt.Y("y:Q", axis=axis, scale=scale)}
    web = alt.Chart(pd.DataFrame(grid)).mark_line(color="#d0d7de", strokeWidth=1).encode(detail="level:N", order="order:Q", **enc)
    labels = []
    for i, row in df.iterrows():
        angle = 2 * math.pi * int(str(i)) / n - math.pi / 2
        labels.append({"x": 116 * math.cos(angle), "y": -116 * math.sin(angle), "text": f"{row['section']} {row['percent']:g}%"})
    text = alt.Chart(pd.DataFrame(labels)).mark_text(fontSize=12).encode(text="text:N", **enc)
    lines = (
        alt.Chart(data)
        .mark_line(point=True, color="#2f6fb3")
        .encode(
            order="order:Q",
            tooltip=[alt.Tooltip("section:N", title=t("chart.section", lang)), alt.Tooltip("value:Q", title=_share_label(result, lang))],
            **enc,
        )
    )
    # as wide as the column (390 px phones included); labels need room beyond the 100 ring
    return alt.layer(web, lines, text).properties(width="container", height=360)
