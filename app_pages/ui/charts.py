"""Altair charts of a Result's section scores: a radar and bars with the next-rung line.

Vega-Lite has no radar mark; the radar is a closed line over polar coordinates computed
here. Charts only render what the Result says.
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


def bar_chart(result: Result, lang: str) -> Any:
    df = _frame(result, lang, radar_only=False)
    score = t("chart.score", lang)
    base = alt.Chart(df).encode(y=alt.Y("section:N", sort=None, title=None))
    bars = base.mark_bar(color="#2f6fb3").encode(
        x=alt.X("percent:Q", title=score + " %", scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("section:N", title=t("chart.section", lang)), alt.Tooltip("percent:Q", title=score + " %")],
    )
    if df["target"].notna().any():
        marks = base.mark_tick(color="#d9480f", thickness=3, size=22).encode(
            x="target:Q", tooltip=[alt.Tooltip("target:Q", title=t("chart.next_rung", lang) + " %")]
        )
        return (bars + marks).properties(height=40 * len(df) + 40)
    return bars.properties(height=40 * len(df) + 40)


def radar_chart(result: Result, lang: str) -> Any:
    df = _frame(result, lang, radar_only=True)
    n = len(df)
    if n < 3:
        return None
    pts = []
    for name, col in ((t("chart.current", lang), "percent"), (t("chart.next_rung", lang), "target")):
        for i, row in df.iterrows():
            value = row[col]
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            angle = 2 * math.pi * int(str(i)) / n - math.pi / 2
            pts.append(
                {
                    "series": name,
                    "order": int(str(i)),
                    "section": row["section"],
                    "value": value,
                    "x": value * math.cos(angle),
                    "y": -value * math.sin(angle),
                }
            )
    data = pd.DataFrame(pts)
    # close each polygon
    closing = data.sort_values("order").groupby("series").head(1).assign(order=n)
    data = pd.concat([data, closing], ignore_index=True)
    grid = []
    for level in (25, 50, 75, 100):
        for i in range(n + 1):
            angle = 2 * math.pi * (i % n) / n - math.pi / 2
            grid.append({"level": level, "order": i, "x": level * math.cos(angle), "y": -level * math.sin(angle)})
    axis = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    scale = alt.Scale(domain=[-125, 125])
    enc = {"x": alt.X("x:Q", axis=axis, scale=scale), "y": alt.Y("y:Q", axis=axis, scale=scale)}
    web = alt.Chart(pd.DataFrame(grid)).mark_line(color="#d0d7de", strokeWidth=1).encode(detail="level:N", order="order:Q", **enc)
    labels = []
    for i, row in df.iterrows():
        angle = 2 * math.pi * int(str(i)) / n - math.pi / 2
        labels.append({"x": 116 * math.cos(angle), "y": -116 * math.sin(angle), "text": f"{row['section']} {row['percent']:g}%"})
    text = alt.Chart(pd.DataFrame(labels)).mark_text(fontSize=12).encode(text="text:N", **enc)
    series = [t("chart.current", lang), t("chart.next_rung", lang)]
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            color=alt.Color(
                "series:N", title=None, scale=alt.Scale(domain=series, range=["#2f6fb3", "#d9480f"]), legend=alt.Legend(orient="bottom")
            ),
            strokeDash=alt.StrokeDash("series:N", legend=None, scale=alt.Scale(domain=series, range=[[1, 0], [5, 4]])),
            order="order:Q",
            tooltip=["section:N", "value:Q"],
            **enc,
        )
    )
    return alt.layer(web, lines, text).properties(width=380, height=380)
