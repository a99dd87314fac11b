"""Vector charts (reportlab.graphics): radar and bar chart of section shares with the next
rung's requirement marked, the score ladder of a levelled diagnostic, and the tier badge.

Charts only draw numbers the :class:`~assessment.engine.results.Result` already holds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from .styles import AMBER, GREY, GREY_LIGHT, INK, NAVY, RULE, TEAL, WHITE


@dataclass(frozen=True)
class Bar:
    label: str
    percent: float
    target: float | None


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _wrap2(text: str, font: str, size: float, width: float) -> list[str]:
    """At most two lines of ``text`` within ``width`` (words kept whole where there are spaces)."""
    if stringWidth(text, font, size) <= width:
        return [text]
    words = text.split(" ")
    if len(words) > 1:
        first = words[0]
        for i in range(1, len(words)):
            cand = " ".join(words[: i + 1])
            if stringWidth(cand, font, size) > width:
                break
            first = cand
        rest = text[len(first) :].strip()
    else:
        cut = len(text)
        while cut > 1 and stringWidth(text[:cut], font, size) > width:
            cut -= 1
        first, rest = text[:cut], text[cut:]
    return [_fit(first, font, size, width), _fit(rest, font, size, width)] if rest else [_fit(first, font, size, width)]


def _legend(d: Drawing, x: float, y: float, font: str, score_label: str, target_label: str | None) -> None:
    d.add(Rect(x, y - 1, 10, 7, fillColor=TEAL, strokeColor=None))
    d.add(String(x + 14, y, score_label, fontName=font, fontSize=7.5, fillColor=GREY))
    if target_label:
        x2 = x + 24 + stringWidth(score_label, font, 7.5)
        d.add(Line(x2, y + 2.5, x2 + 12, y + 2.5, strokeColor=AMBER, strokeWidth=1.6, strokeDashArray=[3, 2]))
        d.add(String(x2 + 16, y, target_label, fontName=font, fontSize=7.5, fillColor=GREY))


def radar(bars: Sequence[Bar], font: str, width: float, height: float, score_label: str, target_label: str | None) -> Drawing:
    """A radar of shares (0–100 %) with the requirement as a dashed amber polygon or dots."""
    d = Drawing(width, height, initialFontName=font)
    n = len(bars)
    cx, cy = width / 2, height / 2 + 6
    r = min(width * 0.23, (height - 70) / 2)
    if n < 3:
        return d
    angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]

    def pt(i: int, v: float) -> tuple[float, float]:
        return cx + r * v / 100 * math.cos(angles[i]), cy + r * v / 100 * math.sin(angles[i])

    for ring in (20, 40, 60, 80, 100):
        pts = [c for i in range(n) for c in pt(i, ring)]
        d.add(Polygon(pts, fillColor=GREY_LIGHT if ring == 100 else None, strokeColor=RULE, strokeWidth=0.5))
        if ring == 100:
            d.add(String(cx + 2, cy + r + 1.5, "100", fontName=font, fontSize=6, fillColor=GREY))
    for i in range(n):
        x, y = pt(i, 100)
        d.add(Line(cx, cy, x, y, strokeColor=RULE, strokeWidth=0.5))
    score = [c for i, b in enumerate(bars) for c in pt(i, max(0.0, min(b.percent, 100.0)))]
    d.add(Polygon(score, fillColor=colors.Color(TEAL.red, TEAL.green, TEAL.blue, alpha=0.25), strokeColor=TEAL, strokeWidth=1.6))
    for i, b in enumerate(bars):
        x, y = pt(i, max(0.0, min(b.percent, 100.0)))
        d.add(Circle(x, y, 2, fillColor=TEAL, strokeColor=WHITE, strokeWidth=0.5))
    targets = [b.target for b in bars]
    if all(t is not None for t in targets):
        tp = [c for i, t in enumerate(targets) for c in pt(i, float(t or 0))]
        d.add(Polygon(tp, fillColor=None, strokeColor=AMBER, strokeWidth=1.4, strokeDashArray=[3, 2]))
    else:
        for i, t in enumerate(targets):
            if t is not None:
                x, y = pt(i, t)
                d.add(Circle(x, y, 2.4, fillColor=AMBER, strokeColor=WHITE, strokeWidth=0.5))
    for i, b in enumerate(bars):
        ca, sa = math.cos(angles[i]), math.sin(angles[i])
        x, y = cx + (r + 8) * ca, cy + (r + 8) * sa
        anchor = "middle" if abs(ca) < 0.2 else ("start" if ca > 0 else "end")
        room = width / 2 - abs(x - cx) - 2 if anchor != "middle" else width * 0.45
        lines = [*_wrap2(b.label, font, 8, room), f"{b.percent:.0f}%"]
        top = y + (4 + 9 * (len(lines) - 1) if sa > 0.2 else (-6 if sa < -0.2 else 9 * (len(lines) - 1) / 2 - 3))
        for j, line in enumerate(lines):
            last = j == len(lines) - 1
            d.add(
                String(x, top - 9 * j, line, fontName=font, fontSize=7 if last else 8, fillColor=TEAL if last else INK, textAnchor=anchor)
            )
    _legend(d, 4, 4, font, score_label, target_label if any(t is not None for t in targets) else None)
    return d


def bar_chart(bars: Sequence[Bar], font: str, width: float, score_label: str, target_label: str | None) -> Drawing:
    """Horizontal bars of shares with the requirement marked by an amber tick."""
    row = 22
    need = max((stringWidth(b.label, font, 7.5) for b in bars), default=40.0)
    label_w = min(need + 4, width * 0.42)
    chart_w = width - label_w - 36
    height = row * len(bars) + 34
    d = Drawing(width, height, initialFontName=font)
    x0 = label_w + 6
    top = height - 8
    for tick in (0, 20, 40, 60, 80, 100):
        x = x0 + chart_w * tick / 100
        d.add(Line(x, 22, x, top, strokeColor=RULE, strokeWidth=0.4))
        d.add(String(x, 13, f"{tick}", fontName=font, fontSize=6.5, fillColor=GREY, textAnchor="middle"))
    for i, b in enumerate(bars):
        y = top - (i + 1) * row + 6
        lines = _wrap2(b.label, font, 7.5, label_w - 2)
        for j, line in enumerate(lines):
            dy = 2 + (len(lines) - 1) * 4.2 - j * 8.4
            d.add(String(label_w, y + dy, line, fontName=font, fontSize=7.5, fillColor=INK, textAnchor="end"))
        d.add(Rect(x0, y, chart_w, 10, fillColor=GREY_LIGHT, strokeColor=None))
        d.add(Rect(x0, y, chart_w * max(0.0, min(b.percent, 100.0)) / 100, 10, fillColor=TEAL, strokeColor=None))
        d.add(String(x0 + chart_w + 4, y + 2, f"{b.percent:.0f}%", fontName=font, fontSize=7.5, fillColor=INK))
        if b.target is not None:
            tx = x0 + chart_w * b.target / 100
            d.add(Line(tx, y - 3, tx, y + 13, strokeColor=AMBER, strokeWidth=2))
    _legend(d, x0, 0, font, score_label, target_label if any(b.target is not None for b in bars) else None)
    return d


def ladder(score: float, maximum: float, marks: Sequence[tuple[str, float]], font: str, width: float) -> Drawing:
    """The score on a 0–max scale with each level's threshold marked."""
    height = 50
    d = Drawing(width, height, initialFontName=font)
    x0, x1, y = 2, width - 2, 20
    span = x1 - x0
    d.add(Rect(x0, y, span, 12, fillColor=GREY_LIGHT, strokeColor=None))
    frac = max(0.0, min(score / maximum, 1.0)) if maximum > 0 else 0.0
    d.add(Rect(x0, y, span * frac, 12, fillColor=TEAL, strokeColor=None))
    shown = f"{score:.1f}".rstrip("0").rstrip(".")
    if frac > 0.08:
        d.add(String(x0 + span * frac - 4, y + 3, shown, fontName=font, fontSize=8, fillColor=WHITE, textAnchor="end"))
    else:
        d.add(String(x0 + span * frac + 4, y + 3, shown, fontName=font, fontSize=8, fillColor=INK))
    for label, value in marks:
        x = x0 + span * max(0.0, min(value / maximum, 1.0))
        d.add(Line(x, y - 4, x, y + 16, strokeColor=NAVY, strokeWidth=1))
        d.add(String(x, y + 19, label, fontName=font, fontSize=7.5, fillColor=NAVY, textAnchor="middle"))
        d.add(String(x, y - 12, f"{value:g}", fontName=font, fontSize=7, fillColor=GREY, textAnchor="middle"))
    return d


def badge(caption: str, value: str, color: colors.Color, font: str, bold: str, width: float, height: float = 62) -> Drawing:
    """A rounded badge: small caption above a large value (e.g. 能力等级 / 先进级)."""
    d = Drawing(width, height, initialFontName=font)
    d.add(Rect(0, 0, width, height, rx=6, ry=6, fillColor=color, strokeColor=None))
    d.add(
        String(width / 2, height - 17, _fit(caption, font, 9, width - 12), fontName=font, fontSize=9, fillColor=WHITE, textAnchor="middle")
    )
    size = 20.0
    while size > 10 and stringWidth(value, bold, size) > width - 14:
        size -= 1
    d.add(String(width / 2, 15, _fit(value, bold, size, width - 12), fontName=bold, fontSize=size, fillColor=WHITE, textAnchor="middle"))
    return d
