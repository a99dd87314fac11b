"""Downloads on the result page: the editable action plan (Excel) and, for the smart-factory
tiers, the draft 申报书 (Word). Made by the services after their access checks."""

from __future__ import annotations

import streamlit as st

from assessment import services

from . import state
from .i18n import t

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render(assessment_id: int, version: int, tier: bool, lang: str) -> None:
    """Two buttons that make the file, then offer it for download."""
    cols = st.columns(2 if tier else 1)
    kinds = [("plan", services.action_plan_xlsx, XLSX, "xlsx")]
    if tier:
        kinds.append(("application", services.application_docx, DOCX, "docx"))
    for col, (kind, make, mime, ext) in zip(cols, kinds, strict=True):
        key = f"result.{kind}.{assessment_id}.{version}"
        with col:
            if key not in st.session_state:
                if st.button(t(f"consult.export.{kind}", lang), key=f"result.make_{kind}"):
                    st.session_state[key] = state.call(make, assessment_id)
                    st.rerun()
            elif st.session_state[key]:
                st.download_button(
                    t(f"consult.export.{kind}_ready", lang),
                    st.session_state[key],
                    file_name=f"{kind}-{assessment_id}.{ext}",
                    mime=mime,
                    key=f"result.download_{kind}",
                )
