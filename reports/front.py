"""Cover page and executive summary: who was assessed, by whom, and the outcome at a glance
(tier / level badge, the tier the enterprise may apply for, verdict, what blocks the next rung).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepInFrame, PageBreak, Spacer, Table

from assessment.codes import is_valid_credit_code
from assessment.engine.models import Profile
from assessment.engine.results import Result

from . import charts
from .i18n import PRODUCTION, SIZE, pick
from .kit import Kit
from .options import ReportError, ReportOptions, ReportPart
from .styles import AMBER, GREY, GREY_LIGHT, MARGIN_BOTTOM, MARGIN_TOP, NAVY, PAGE, RED, RED_LIGHT, RULE, TEAL, WHITE, WIDTH
from .text import shorten

COVER_NAME_LIMIT = 120
COVER_FIELD_LIMIT = 160


def logo_flowable(logo: Path | bytes | None) -> Image | None:
    """The logo scaled to at most 50 × 22 mm; ReportError if it is not a readable image."""
    if logo is None:
        return None
    if isinstance(logo, bytes):
        data = logo
    else:
        try:
            data = Path(logo).read_bytes()
        except OSError as exc:
            raise ReportError(f"logo: cannot read {logo} ({exc.strerror or exc})") from None
    try:
        w, h = ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # reportlab/Pillow raise various errors for what is not an image
        raise ReportError("logo: not a readable PNG or JPEG image") from None
    if w <= 0 or h <= 0:
        raise ReportError("logo: image has no size")
    scale = min(50 * mm / w, 22 * mm / h)
    img = Image(io.BytesIO(data), width=w * scale, height=h * scale)
    img.hAlign = "LEFT"
    return img


def _names(region: str, industry: str, lang: str) -> tuple[str, str]:
    """Names of a GB/T 2260 region and a GB/T 4754 industry code ('' when unknown), from the
    reference lists of :mod:`assessment.refdata` when they are available."""
    try:
        from assessment import refdata

        ref = refdata.load()
    except Exception:  # reference lists missing or broken: the codes alone are shown
        return "", ""
    place = ""
    if region:
        if lang == "zh":
            place = ref.region_name(region)
        else:
            parts: list[str] = []
            for table, key in ((ref.provinces, region[:2] + "0000"), (ref.prefectures, region[:4] + "00"), (ref.counties, region)):
                entry = table.get(key)
                if entry is None or entry.name in refdata._GROUPINGS:
                    continue
                if not entry.en:
                    break
                if not parts or entry.en != parts[-1]:
                    parts.append(entry.en)
            place = ", ".join(reversed(parts))
    entry = ref.industries.get(industry[:2]) if industry else None
    trade = (entry.en if lang == "en" else entry.name) if entry else ""
    return place, trade


def profile_rows(k: Kit, profile: Profile, opts: ReportOptions, limit: int | None) -> list[tuple[str, str, bool]]:
    """(label, value, value-is-missing) for the enterprise and the assessment."""

    def cut(s: str) -> str:
        return shorten(s, limit) if limit else s

    code = profile.credit_code.strip()
    code_txt = code + (k.t("credit_code_bad") if code and not is_valid_credit_code(code) else "")
    size = pick(SIZE[profile.size], k.lang) if profile.size in SIZE else profile.size
    prod = pick(PRODUCTION[profile.production_type], k.lang) if profile.production_type in PRODUCTION else profile.production_type
    place, trade = _names(profile.region.strip(), profile.industry.strip(), k.lang)
    rows = [
        (k.t("credit_code"), code_txt),
        (k.t("region"), f"{profile.region}　{place}" if place else profile.region),
        (k.t("industry"), f"{profile.industry}　{trade}" if trade else profile.industry),
        (k.t("size"), size),
        (k.t("production_type"), prod),
        (k.t("report_date"), opts.date().isoformat()),
        (k.t("assessor"), cut(opts.assessor)),
        (k.t("consultant"), cut(opts.consultant)),
    ]
    return [(label, value or k.t("not_given"), not value.strip()) for label, value in rows]


def info_table(k: Kit, rows: Sequence[tuple[str, str, bool]], label_w: float) -> Table:
    data = [[k.p(label, k.st.cell_bold), k.pm(k.muted(value) if missing else k.m(value), k.st.cell)] for label, value, missing in rows]
    cmds = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]
    return k.grid(data, [label_w, WIDTH - label_w], cmds, splitInRow=1)


def cover(k: Kit, parts: Sequence[ReportPart], profile: Profile, opts: ReportOptions) -> list[Flowable]:
    story: list[Flowable] = [Spacer(1, 6 * mm)]
    logo = logo_flowable(opts.logo)
    story += [logo, Spacer(1, 10 * mm)] if logo else [Spacer(1, 22 * mm)]
    story.append(k.p(k.t("report_kicker"), k.st.subtitle))
    story.append(Spacer(1, 2 * mm))
    story.append(k.p(k.t("report_title") if len(parts) == 1 else k.t("combined_title"), k.st.title))
    story.append(Spacer(1, 3 * mm))
    for part in parts:
        story.append(k.p(k.x(part.questionnaire.title), k.st.subtitle))
    story.append(Spacer(1, 16 * mm))
    name = profile.name.strip()
    story.append(k.p(shorten(name, COVER_NAME_LIMIT), k.st.cover_name) if name else k.pm(k.muted(k.t("not_given")), k.st.cover_name))
    story.append(Spacer(1, 6 * mm))
    story.append(info_table(k, profile_rows(k, profile, opts, COVER_FIELD_LIMIT), 42 * mm))
    story.append(Spacer(1, 14 * mm))
    story.append(k.p(k.t("cover_note"), k.st.small_grey))
    story.append(PageBreak())
    return story


def _badges(k: Kit, result: Result) -> Table:
    f = k.fonts
    cells: list[Flowable] = []
    if result.grading == "tier":
        cells.append(charts.badge(k.t("capability_tier"), k.plain(k.x(result.rung_label)), NAVY, f.regular, f.bold, 150))
        cells.append(charts.badge(k.t("eligible_tier"), k.plain(k.x(result.eligible_label)), TEAL, f.regular, f.bold, 150))
    else:
        cells.append(charts.badge(k.t("level"), k.plain(k.x(result.rung_label)), NAVY, f.regular, f.bold, 150))
        cells.append(charts.badge(k.t("answered"), f"{result.answered} / {result.total_questions}", TEAL, f.regular, f.bold, 150))
    cells.append(charts.badge(k.t("score"), f"{k.num(result.score)} / {k.num(result.max_score)}", GREY, f.regular, f.bold, 150))
    return k.grid([cells], [WIDTH / 3] * 3, [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])


def metric_items(k: Kit, r: Result) -> list[tuple[str, str]]:
    return [(k.x(m.label), k.num(m.value) + ("%" if m.unit == "%" else "")) for m in r.metrics]


def _steps(k: Kit, r: Result) -> Table:
    """The ladder of rungs: reached ones filled, the next one outlined."""
    rungs = sorted(r.rungs, key=lambda x: x.rank)
    cells: list[Flowable] = []
    cmds: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]
    for i, rung in enumerate(rungs):
        if rung.reached:
            state = k.t("rung_reached") + (f" · {k.t('eligible_short')}" if r.grading == "tier" and rung.eligible else "")
            cells.append(
                k.pm(f'<font color="#FFFFFF"><b>{k.m(k.x(rung.label))}</b><br/><font size="7">{k.m(state)}</font></font>', k.st.cell_center)
            )
            cmds.append(("BACKGROUND", (i, 0), (i, 0), NAVY))
        elif rung.id == r.next_rung:
            cells.append(k.pm(f"<b>{k.m(k.x(rung.label))}</b><br/>{k.color(k.t('next_target'), AMBER)}", k.st.cell_center))
            cmds.append(("BOX", (i, 0), (i, 0), 1.2, AMBER))
        else:
            cells.append(k.pm(k.muted(k.x(rung.label)) + "<br/>" + k.muted(k.t("rung_not_reached")), k.st.cell_center))
            cmds.append(("BACKGROUND", (i, 0), (i, 0), GREY_LIGHT))
    n = max(len(cells), 1)
    cmds += [("LINEAFTER", (i, 0), (i, 0), 3, WHITE) for i in range(n - 1)]
    return k.grid([cells], [WIDTH / n] * n, cmds)


def ladder(k: Kit, result: Result) -> list[Flowable]:
    marks = [
        (k.plain(k.x(r.label)), float(c.required))
        for r in sorted(result.rungs, key=lambda r: r.rank)
        for c in r.criteria
        if c.category == "score" and c.required is not None
    ]
    if not marks:
        return []
    return [
        k.p(k.t("score_ladder"), k.st.small_grey),
        charts.ladder(result.score, result.max_score, marks, k.fonts.regular, WIDTH),
    ]


def _blocking(k: Kit, result: Result, limit: int = 8) -> list[Flowable]:
    blocking = [g for g in result.gaps if g.blocks_next]
    if result.next_rung is None and not blocking:
        return [k.p(k.t("top_reached"))]
    title = k.t("blocks_next", rung=k.x(result.next_rung_label)) if result.next_rung else k.t("blocks_elig")
    out: list[Flowable] = [*k.h(3, title, outline=False)]
    if not blocking:
        return [*out, k.p(k.t("no_blocking"))]
    for i, g in enumerate(blocking[:limit], 1):
        text = f"{i}. {k.b(k.x(g.label))}<br/>{k.muted(shorten(k.x(g.explanation), 220))}"
        out.append(k.pm(text, k.st.small))
        out.append(Spacer(1, 2))
    if len(blocking) > limit:
        out.append(k.p(k.t("and_more", n=len(blocking) - limit), k.st.small_grey))
    return out


def _warnings(k: Kit, result: Result) -> list[Flowable]:
    if not result.warnings:
        return []
    rows = [[k.p("! " + k.x(w.message), k.st.cell)] for w in result.warnings]
    cmds = [("BACKGROUND", (0, 0), (-1, -1), RED_LIGHT), ("LINEBEFORE", (0, 0), (0, -1), 2.5, RED), ("LEFTPADDING", (0, 0), (-1, -1), 8)]
    return [Spacer(1, 8), k.grid([[k.p(k.t("warnings"), k.st.cell_bold)], *rows], [WIDTH], cmds, splitInRow=1)]


def _first_steps(k: Kit, result: Result, n: int = 3) -> list[Flowable]:
    """The roadmap's first ``n`` steps (it is ranked already): where to start."""
    if not result.roadmap:
        return []
    out: list[Flowable] = [*k.h(3, k.t("first_steps"), outline=False, room=60)]
    for i, step in enumerate(result.roadmap[:n], 1):
        target = f" → {k.m(k.x(step.target))}" if step.target is not None else ""
        out.append(k.pm(f"{i}. {k.b(k.x(step.action))}{k.muted(target)}", k.st.small))
        out.append(Spacer(1, 2))
    return out


def summary_block(k: Kit, part: ReportPart, compact: bool = False) -> list[Flowable]:
    """Badges, verdict, rung ladder, key figures and what blocks the next rung (``compact``:
    without the key figures and notes, which the part's own pages show)."""
    r = part.result
    out: list[Flowable] = [_badges(k, r), Spacer(1, 8)]
    out.append(
        k.pm(
            f"{k.b(k.t('verdict'))}：{k.m(k.x(r.verdict))}" if k.lang == "zh" else f"{k.b(k.t('verdict'))}: {k.m(k.x(r.verdict))}",
            k.st.callout,
        )
    )
    if r.grading == "tier" and not compact:
        out.append(k.p(k.t("cap_vs_elig"), k.st.small_grey))
    out += ladder(k, r)
    out += [Spacer(1, 6), _steps(k, r)]
    if r.metrics and not compact:
        out += [Spacer(1, 6), k.figures(metric_items(k, r))]
    if part.comparison is not None:
        colon = "：" if k.lang == "zh" else ": "
        out += [Spacer(1, 6), k.pm(f"{k.b(k.t('since_last'))}{colon}{k.m(k.x(part.comparison.headline))}", k.st.small)]
    out += _blocking(k, r, limit=5 if not compact else 8)
    out += _first_steps(k, r)
    out += _warnings(k, r)
    return out


def summary(k: Kit, parts: Sequence[ReportPart]) -> list[Flowable]:
    k = replace(k, heading_offset=0)
    story: list[Flowable] = [*k.h(1, k.t("summary"))]
    if len(parts) == 1:
        # one page, always: shrunk to fit rather than running onto a second page
        room = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM - 70
        return [*story, KeepInFrame(WIDTH, room, summary_block(k, parts[0]), mode="shrink")]
    for part in parts:
        story += k.h(2, k.x(part.questionnaire.title))
        story += summary_block(k, part, compact=True)
        story.append(Spacer(1, 10))
    return story
