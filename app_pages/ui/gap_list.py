"""The gap list: each unmet criterion of the next rung with, indented under it, what to do.

Items are phrased as actions from the question kind and the target the Result names:
a practice to put in place (是/否), a scenario to implement, a level to reach, options to
add. The criterion's facts are shown once, in the next-rung block above, not repeated here.
"""

from __future__ import annotations

import streamlit as st

from assessment.engine.models import Questionnaire
from assessment.engine.results import GapItem, Result

from .i18n import t
from .text import md, tx

SHOWN = 8


def _l(text: object, lang: str) -> str:
    get = getattr(text, "get", None)
    return str(get("en" if lang == "en" else "zh")) if get else ""


def action(item: GapItem, qn: Questionnaire | None, lang: str) -> str:
    """One gap item as a thing to do, e.g. 「实施场景：生产计划优化」."""
    q = qn.question_index.get(item.question_id) if qn else None
    label, target, current = _l(item.label, lang), _l(item.target, lang), _l(item.current, lang)
    if item.unanswered:  # not answered yet: say so, rather than 「当前：未作答」 as if it were a fact
        return t("gap.unanswered", lang, what=md(label))
    if q is not None and q.kind == "yesno":
        return t("gap.build", lang, what=label)
    if q is not None and q.kind == "single" and "scenario" in q.tags and any("implemented" in o.flags for o in q.options):
        return t("gap.implement", lang, what=label)
    if q is not None and q.kind == "multi":
        return tx("gap.complete", lang, what=label, current=current)  # the current answer may be user text
    return tx("gap.raise", lang, what=label, target=target, current=current)


def render(result: Result, qn: Questionnaire | None, lang: str) -> None:
    st.subheader(t("r.gaps", lang))
    gaps = [g for g in result.gaps if g.blocks_next]
    if not gaps:
        st.write(t("r.no_gaps", lang))
        return
    for g in gaps:
        lines = [f"- **{_l(g.label, lang)}**" + (f" — {t('gap.needed', lang, n=g.needed)}" if g.needed else "")]
        lines += [f"    - {action(it, qn, lang)}" for it in g.items[:SHOWN]]
        if len(g.items) > SHOWN:
            lines.append(f"    - {t('gap.more', lang, n=len(g.items) - SHOWN)}")
        st.markdown("\n".join(lines))
