"""Saying what a submission did: 「已提交至经信局」 with the time, and what happens next.

The confirmation survives the rerun that follows the submit (:func:`state.flash`); a
submitted assessment keeps a line with its submission time and status on the result page.
"""

from __future__ import annotations

import streamlit as st

from assessment import services

from . import state
from .i18n import t


def _when(view: services.AssessmentView) -> str:
    at = view.submitted_at or view.summary.last_submitted_at
    return f"{at:%Y-%m-%d %H:%M}" if at else "—"


def confirm(view: services.AssessmentView, lang: str) -> None:
    state.flash(t("r.submitted_to_bureau", lang, at=_when(view)) + " " + t("r.next_steps", lang))


def status_line(view: services.AssessmentView, lang: str) -> None:
    """Where a submitted or returned assessment stands, and what can be done now."""
    state.show_flash()
    status = view.summary.status
    if status in ("submitted", "resubmitted"):
        st.info(t("r.awaiting_bureau", lang, at=_when(view)), icon=":material/outbox:")
    elif status == "verified":
        st.success(t("r.verified_line", lang, at=_when(view)), icon=":material/verified:")
