"""The questionnaire's parts: which one is open, which are complete, and moving between them.

The open part is kept in the URL (``?part=3``, counted from 1) so a reload or a shared link
comes back to it; without one the page opens the first part that still has an unanswered
question. Completion comes from the engine's :class:`~assessment.engine.progress.Progress`,
the same figures the progress bar, the list of rounds and the result show.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from assessment.engine import Progress
from assessment.engine.models import Section

from .i18n import t

PART = "part"


def _step_key(aid: int) -> str:
    return f"questionnaire.step.{aid}"


def current(aid: int, sections: Sequence[Section], done: Progress) -> int:
    """Index of the part to show: the URL's, else the session's, else the first open one."""
    n = len(sections)
    raw = st.query_params.get(PART)
    step: int | None = None
    if raw is not None and raw.isdigit() and 1 <= int(raw) <= n:
        step = int(raw) - 1
    if step is None:
        remembered = st.session_state.get(_step_key(aid))
        step = remembered if isinstance(remembered, int) else None
    if step is None:
        parts = {p.id: p for p in done.parts}
        step = next((i for i, s in enumerate(sections) if s.id in parts and not parts[s.id].complete), 0)
    step = max(0, min(step, n - 1))
    go(aid, step)
    return step


def go(aid: int, step: int) -> None:
    st.session_state[_step_key(aid)] = step
    st.query_params[PART] = str(step + 1)


def picker(aid: int, step: int, sections: Sequence[Section], done: Progress, lang: str) -> None:
    """The parts as a row of steps, each marked complete (✓ icon) or with its count."""
    parts = {p.id: p for p in done.parts}
    nav_key = f"questionnaire.nav.{aid}"
    st.session_state[nav_key] = step

    def label(i: int) -> str:
        s = sections[i]
        name = s.label.get("en" if lang == "en" else "zh")
        p = parts.get(s.id)
        if p is not None and p.complete:
            return f":material/check_circle: {name}"
        return f"{name} · {p.answered}/{p.total}" if p is not None else name

    def changed() -> None:
        chosen = st.session_state.get(nav_key)
        go(aid, chosen if isinstance(chosen, int) else step)

    st.segmented_control(
        t("q.step", lang, i=step + 1, n=len(sections)),
        list(range(len(sections))),
        format_func=label,
        key=nav_key,
        on_change=changed,
    )


def buttons(aid: int, step: int, n: int, lang: str, where: str) -> bool:
    """上一部分 on the left, 下一部分 (or 查看结果 after the last part) on the right.
    Returns True when 查看结果 was clicked."""
    left, _, right = st.columns([1, 3, 1])
    if step > 0:
        left.button(t("q.prev", lang), key=f"questionnaire.prev.{where}", icon=":material/arrow_back:", on_click=go, args=(aid, step - 1))
    if step < n - 1:
        right.button(
            t("q.next", lang),
            type="primary",
            key=f"questionnaire.next.{where}",
            icon=":material/arrow_forward:",
            on_click=go,
            args=(aid, step + 1),
            width="stretch",
        )
        return False
    return right.button(t("q.to_result", lang), type="primary", key=f"questionnaire.result.{where}", width="stretch")


def confidence_legend(lang: str) -> None:
    """What 可信度 A / B / C means, once per page (each question's 依据 names its mark)."""
    with st.expander(t("q.confidence_legend", lang), icon=":material/info:"):
        st.markdown("  \n".join(f"**{m}** — {t('q.confidence.' + m, lang)}" for m in ("A", "B", "C")))
