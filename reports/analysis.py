"""Where the enterprise stands: section scores (table, radar, bars with the next rung's
requirement), and the scenario picture — the typical scenarios by 环节 with their use of AI
(智能工厂), or the level of each 数字化经营 scenario (智改数转).

Which picture is drawn follows the data, not the questionnaire id: scenario questions
(tag ``scenario``) with a ``guide_stage`` are grouped by 环节; scenario questions without one
are shown as a level matrix over their options (least → most mature).
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib import colors
from reportlab.platypus import Flowable, Spacer, Table

from assessment.engine.models import AnswerValue, Question, Questionnaire
from assessment.engine.results import Result

from . import charts
from .front import ladder, metric_items
from .kit import Kit, hexcolor
from .styles import GREEN, NAVY, PURPLE, RED, RULE, TEAL, TEAL_LIGHT, WHITE, WIDTH

PURPLE_LIGHT = colors.HexColor("#ECE8F7")


def _target_label(k: Kit, r: Result) -> str | None:
    return k.t("legend_target", rung=k.x(r.next_rung_label)) if r.next_rung_label else None


def scores(k: Kit, q: Questionnaire, r: Result) -> list[Flowable]:
    story: list[Flowable] = [*k.h(1, k.t("scores"))]
    story += [
        k.figures([(k.t("score"), f"{k.num(r.score)} / {k.num(r.max_score)}"), (k.t("answered"), f"{r.answered} / {r.total_questions}")]),
        Spacer(1, 4),
    ]
    if q.score_note:
        story.append(k.p(k.x(q.score_note), k.st.small_grey))
    story.append(Spacer(1, 6))
    has_target = any(s.target_percent is not None for s in r.sections)
    labels = [k.t("section"), k.t("earned"), k.t("percent")]
    widths = [220.0, 92.0, 80.0]
    if has_target:
        labels.append(k.t("target", rung=k.x(r.next_rung_label)) if r.next_rung_label else k.t("target_plain"))
        widths.append(WIDTH - sum(widths))
    else:
        widths[0] = WIDTH - widths[1] - widths[2]
    rows: list[list[Flowable]] = [k.head(*labels)]
    for s in r.sections:
        row = [
            k.p(k.x(s.label), k.st.cell),
            k.p(f"{k.num(s.earned)} / {k.num(s.max)}", k.st.cell_right),
            k.p(f"{k.num(s.percent)}%", k.st.cell_right),
        ]
        if has_target:
            short = s.target_percent is not None and s.percent < s.target_percent
            txt = f"{k.num(s.target_percent)}%" if s.target_percent is not None else "—"
            row.append(k.pm(k.color(txt, RED) if short else k.m(txt), k.st.cell_right))
        rows.append(row)
    story.append(k.table(rows, widths))
    story.append(Spacer(1, 6))
    story += ladder(k, r)
    story.append(Spacer(1, 6))
    bars = [charts.Bar(k.plain(k.x(s.label)), s.percent, s.target_percent) for s in r.sections]
    radar_bars = [b for b, s in zip(bars, r.sections, strict=True) if s.radar]
    target = _target_label(k, r)
    f = k.fonts.regular
    bar = charts.bar_chart(bars, f, WIDTH * 0.54, k.t("legend_score"), target)
    bars_title = k.t("bars") if has_target else k.t("bars_plain")
    if len(radar_bars) >= 3:
        rad = charts.radar(radar_bars, f, WIDTH * 0.46, max(bar.height, 200), k.t("legend_score"), target)
        cmds = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
        story.append(
            k.grid([[k.p(k.t("radar"), k.st.small_grey), k.p(bars_title, k.st.small_grey)], [rad, bar]], [WIDTH * 0.46, WIDTH * 0.54], cmds)
        )
    else:
        story += [k.p(bars_title, k.st.small_grey), bar]
    return story


def _option(q: Question, answers: Mapping[str, AnswerValue]) -> int:
    """Rank of the chosen option (0 = least mature; unanswered counts as least mature)."""
    v = answers.get(q.id)
    return q.rank(v) if isinstance(v, str) else 0


def _flags(q: Question, answers: Mapping[str, AnswerValue]) -> tuple[str, ...]:
    v = answers.get(q.id)
    opt = q.option(v) if isinstance(v, str) else None
    return opt.flags if opt else ()


def scenarios(k: Kit, q: Questionnaire, r: Result, answers: Mapping[str, AnswerValue]) -> list[Flowable]:
    scen = [x for x in q.questions if "scenario" in x.tags]
    if not scen:
        return []
    if any(x.guide_stage for x in scen) and q.stages is not None:
        return _coverage(k, q, r, scen, answers)
    return _levels(k, q, r, scen, answers)


def _criteria_lines(k: Kit, r: Result, categories: tuple[str, ...], only_rung: str | None = None) -> list[Flowable]:
    out: list[Flowable] = []
    for rung in sorted(r.rungs, key=lambda x: x.rank):
        if only_rung and rung.id != only_rung:
            continue
        for c in rung.criteria:
            if c.category in categories:
                mark = k.color(k.t("met"), GREEN) if c.met else k.color(k.t("unmet"), RED)
                out.append(k.pm(f"{mark}　{k.b(k.x(rung.label))} · {k.m(k.x(c.label))}　{k.muted(k.x(c.explanation))}", k.st.small))
    return out


def _legend(k: Kit, items: list[tuple[colors.Color, str]]) -> Flowable:
    parts = [f'<font color="{hexcolor(c)}">■</font> {k.m(label)}' for c, label in items]
    return k.pm("　　".join(parts), k.st.small)


def _coverage(k: Kit, q: Questionnaire, r: Result, scen: list[Question], answers: Mapping[str, AnswerValue]) -> list[Flowable]:
    assert q.stages is not None
    story: list[Flowable] = [*k.h(1, k.t("scenarios_sf"))]
    if r.metrics:
        story += [k.figures(metric_items(k, r)), Spacer(1, 4)]
    story += _criteria_lines(k, r, ("ai",))
    story.append(Spacer(1, 4))
    story.append(
        _legend(k, [(TEAL, k.t("implemented")), (PURPLE, k.t("implemented") + " + " + k.t("with_ai")), (RULE, k.t("not_implemented"))])
    )
    story.append(Spacer(1, 4))
    guide_label = {g.id: k.x(g.label) for g in q.stages.guide_stages}
    by_guide: dict[str, list[Question]] = {}
    for x in scen:
        by_guide.setdefault(x.guide_stage or "", []).append(x)
    fixed = 158.0 if k.lang == "zh" else 186.0
    chip_w = (WIDTH - fixed) / 3
    rows: list[list[Flowable | str]] = [k.head(k.t("stage"), k.t("scenario_list"), k.t("done"), k.t("scenario"))]
    spans: list[tuple[object, ...]] = []
    groups = [(k.x(st.label), list(st.guide_stages)) for st in q.stages.stages]
    seen = {g for _, gs in groups for g in gs}
    rest = [g for g in by_guide if g not in seen]
    if rest:
        groups.append(("—", rest))
    for stage_label, guides in groups:
        first = len(rows)
        for g in guides:
            items = by_guide.get(g, [])
            if not items:
                continue
            done = [x for x in items if "implemented" in _flags(x, answers)]
            ai = [x for x in done if "ai" in _flags(x, answers)]
            count = f"{len(done)} / {len(items)}" + (f"<br/>{k.color('AI ' + str(len(ai)), PURPLE)}" if ai else "")
            rows.append(
                [
                    k.p(stage_label, k.st.cell_bold),
                    k.p(guide_label.get(g, g), k.st.cell),
                    k.pm(count, k.st.cell_center),
                    _chips(k, items, answers, chip_w),
                ]
            )
        if len(rows) - 1 > first:
            spans.append(("SPAN", (0, first), (0, len(rows) - 1)))
    story.append(
        k.table(
            rows,
            [58, 64, 36, WIDTH - fixed] if k.lang == "zh" else [72, 72, 42, WIDTH - fixed],
            zebra=False,
            extra=[*spans, ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE)],
        )
    )
    return story


def _chips(k: Kit, items: list[Question], answers: Mapping[str, AnswerValue], chip_w: float) -> Table:
    cells: list[Flowable] = []
    style: list[tuple[object, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for i, x in enumerate(items):
        flags = _flags(x, answers)
        label = k.x(x.label)
        if "ai" in flags:
            cell, bg, border = k.pm(f"{k.color(label, PURPLE)} {k.color('AI', PURPLE)}", k.st.cell), PURPLE_LIGHT, PURPLE
        elif "implemented" in flags:
            cell, bg, border = k.pm(k.color(label, NAVY), k.st.cell), TEAL_LIGHT, TEAL
        else:
            cell, bg, border = k.pm(k.muted(label), k.st.cell), WHITE, RULE
        cells.append(cell)
        pos = (i % 3, i // 3)
        style += [("BACKGROUND", pos, pos, bg), ("BOX", pos, pos, 0.6, border)]
    grid: list[list[Flowable | str]] = [list(cells[i : i + 3]) for i in range(0, len(cells), 3)]
    grid[-1] += [k.p("", k.st.cell) for _ in range(3 - len(grid[-1]))]
    return k.grid(grid, [chip_w - 2] * 3, style)


def _levels(k: Kit, q: Questionnaire, r: Result, scen: list[Question], answers: Mapping[str, AnswerValue]) -> list[Flowable]:
    story: list[Flowable] = [*k.h(1, k.t("scenarios_sme"))]
    levels = [o.label for o in scen[0].options[1:]]
    n = len(levels)
    lw = min(52.0, 240.0 / max(n, 1))
    widths = [WIDTH - 60 - 70 - lw * n, 60.0] + [lw] * n + [70.0]
    rows: list[list[Flowable]] = [k.head(k.t("scenario"), "★", *[k.x(x) for x in levels], k.t("current_level"))]
    style: list[tuple[object, ...]] = []
    for i, x in enumerate(scen, 1):
        rank = _option(x, answers)
        constraint = "constraint" in x.tags
        chosen = x.options[rank] if 0 <= rank < len(x.options) else x.options[0]
        row = [
            k.p(k.x(x.label), k.st.cell_bold if constraint else k.st.cell),
            k.pm(k.color("★", NAVY) if constraint else "", k.st.cell_center),
        ]
        row += [k.p("", k.st.cell) for _ in range(n)]
        row.append(k.p(k.x(chosen.label), k.st.cell_center))
        rows.append(row)
        for j in range(n):
            if rank >= j + 1:
                style.append(("BACKGROUND", (2 + j, i), (2 + j, i), NAVY if constraint else TEAL))
    style += [("GRID", (2, 1), (1 + n, -1), 0.5, WHITE), ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE)]
    story.append(_legend(k, [(NAVY, k.t("constraint_mark")), (TEAL, k.t("guiding_mark"))]))
    story.append(Spacer(1, 4))
    story.append(k.table(rows, widths, zebra=False, extra=style))
    story.append(Spacer(1, 6))
    if r.metrics:
        story += [k.figures(metric_items(k, r)), Spacer(1, 4)]
    story += _criteria_lines(k, r, ("scenarios",), r.next_rung)
    return story
