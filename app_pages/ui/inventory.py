"""Completing the scenario inventory: 「其余均未实施」 marks every row not ticked as 未实施.

A ticked box saves 已实施; a box never touched is simply unanswered, so without this step a
finished inventory would stay short of complete. The button saves the least mature option
(the one without flags: 未实施) for every scenario still unanswered, in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from assessment import services
from assessment.engine.models import Section

from . import state
from .i18n import t


def _not_implemented(section: Section, answers: Mapping[str, Any]) -> dict[str, str]:
    out = {}
    for q in section.questions:
        if answers.get(q.id) is None:
            none = next((o.value for o in q.options if not o.flags), None)
            if none is not None:
                out[q.id] = none
    return out


def complete_rest(
    assessment_id: int, section: Section, answers: Mapping[str, Any], lang: str, disabled: bool, seen_version: int
) -> None:
    """How many scenarios are marked, and the button that marks the rest 未实施 (refused, like
    any save, if somebody changed one of them after ``seen_version``)."""
    rest = _not_implemented(section, answers)
    total = len(section.questions)
    st.caption(t("q.inventory.marked", lang, marked=total - len(rest), total=total))
    if disabled or not rest:
        return

    def mark() -> None:
        saved = state.call(services.save_answers, assessment_id, rest, seen_version=seen_version)
        if saved is not None:
            state.flash(t("q.inventory.done", lang, n=len(rest)))

    st.button(
        t("q.inventory.rest", lang),
        key=f"questionnaire.inventory_rest.{section.id}",
        help=t("q.inventory.rest_help", lang),
        icon=":material/done_all:",
        on_click=mark,
    )
