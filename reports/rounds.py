"""The report section 「与上一轮比较」: progress since the enterprise's previous round.

Renders a :class:`~assessment.engine.compare.RoundComparison` as it comes: the tier or level
change first (and, for tiers, the tier the enterprise may apply for), then each section's
change, the gaps closed since the last round and the gaps that are new.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from assessment.engine.compare import GapChange, RoundComparison

from .kit import Kit
from .styles import GREEN, GREY, RED, WIDTH

_T = {
    "heading": ("与上一轮比较", "Progress since the previous round"),
    "intro": ("上一轮：{before}；本轮：{after}。", "Previous round: {before}; this round: {after}."),
    "eligible": ("可申报等级：{before} → {after}", "May apply for: {before} → {after}"),
    "section": ("分项", "Section"),
    "before": ("上一轮", "Previous"),
    "after": ("本轮", "This round"),
    "delta": ("变化（百分点）", "Change (points)"),
    "closed": ("已消除的差距（{n}）", "Gaps closed ({n})"),
    "new": ("新出现的差距（{n}）", "New gaps ({n})"),
    "none": ("无", "none"),
    "gap": ("差距", "Gap"),
    "rung": ("对应等级", "For"),
}


def _t(k: Kit, key: str, **kw: object) -> str:
    zh, en = _T[key]
    return (en if k.lang == "en" else zh).format(**kw)


def _pct(k: Kit, x: float | None) -> str:
    return "—" if x is None else f"{x:.0f}%"


def _gaps(k: Kit, title: str, gaps: tuple[GapChange, ...]) -> list[Flowable]:
    story: list[Flowable] = [*k.h(3, title, room=60)]
    if not gaps:
        return [*story, k.p(_t(k, "none"), k.st.small_grey)]
    rows = [k.head(_t(k, "gap"), _t(k, "rung"))]
    rows += [[k.p(k.x(g.label), k.st.cell), k.p(k.x(g.rung_label), k.st.cell)] for g in gaps]
    story.append(k.table(rows, [WIDTH - 100.0, 100.0]))
    return story


def comparison(k: Kit, c: RoundComparison) -> list[Flowable]:
    """The section; the caller places it after the scores."""
    colour = GREEN if c.rung_change == "up" else RED if c.rung_change == "down" else GREY
    story: list[Flowable] = [*k.h(2, _t(k, "heading"))]
    story.append(k.pm(f"<b>{k.color(k.x(c.headline), colour)}</b>"))
    story.append(k.p(_t(k, "intro", before=c.questionnaire_before, after=c.questionnaire_after), k.st.small_grey))
    if c.grading == "tier" and c.eligible_before is not None and c.eligible_after is not None:
        story.append(k.p(_t(k, "eligible", before=k.x(c.eligible_before), after=k.x(c.eligible_after))))
    rows = [k.head(_t(k, "section"), _t(k, "before"), _t(k, "after"), _t(k, "delta"))]
    for s in c.sections:
        delta = "—" if s.delta is None else f"{s.delta:+.0f}"
        rows.append(
            [k.p(k.x(s.label), k.st.cell), k.p(_pct(k, s.before), k.st.cell), k.p(_pct(k, s.after), k.st.cell), k.p(delta, k.st.cell)]
        )
    story.append(k.table(rows, [WIDTH - 240.0, 80.0, 80.0, 80.0]))
    story += _gaps(k, _t(k, "closed", n=len(c.gaps_closed)), c.gaps_closed)
    story += _gaps(k, _t(k, "new", n=len(c.gaps_new)), c.gaps_new)
    return story
