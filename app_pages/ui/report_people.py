"""Who is named on a report made in the web app: the 诊断机构 comes from the consultant's
account (set here, on the clients page), the 评估人 is asked once per report."""

from __future__ import annotations

import streamlit as st

from assessment import services
from assessment.storage import Database

from . import state
from .i18n import t

ASSESSOR = "report.assessor"


def consultant_organisation(lang: str) -> None:
    """The consultant's own 诊断机构, shown on every report it makes."""
    with st.expander(t("consult.org.heading", lang)):
        current = state.call(services.consultant_organisation) or ""
        name = st.text_input(t("consult.org.label", lang), value=current, max_chars=200, key="consult.org.name")
        if st.button(t("consult.org.save", lang), key="consult.org.save"):
            actor = state.require_actor()
            if state.call(services.set_consultant_organisation, actor.username, name) is not None:
                st.success(t("consult.org.saved", lang))


def assessor(lang: str) -> str:
    """The 评估人 to print (remembered for the session, asked next to the PDF button)."""
    value = st.text_input(t("consult.assessor", lang), max_chars=100, key=ASSESSOR)
    return " ".join(value.split())


def build_pdf(db: Database, actor: services.Actor, assessment_id: int, language: str, assessor_name: str) -> bytes:
    """The PDF with the account's 诊断机构 and the named 评估人, through the services' checks."""
    return services.pdf_report(db, actor, assessment_id, lang="en" if language == "en" else "zh", assessor=assessor_name)
