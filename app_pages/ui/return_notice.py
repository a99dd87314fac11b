"""The bureau's return reason, shown prominently to the enterprise while it corrects."""

from __future__ import annotations

import streamlit as st

from app_pages.ui.i18n import t
from app_pages.ui.text import md
from assessment.engine.base import Lang
from assessment.services import AssessmentView


def render(view: AssessmentView | None, lang: Lang) -> None:
    """A warning box with the reason, when the assessment is returned and not yet resubmitted."""
    if view is None or view.summary.status != "returned" or not view.return_reason:
        return
    st.warning(
        f"**{t('bureau.returned.heading', lang)}**  \n{t('bureau.returned.reason', lang)} {md(view.return_reason)}  \n"
        f"{t('bureau.returned.todo', lang)}",
        icon=":material/assignment_return:",
    )
