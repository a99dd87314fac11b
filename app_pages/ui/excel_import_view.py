"""Excel on the web: download the blank workbook, upload a filled one, import it as a round.

For consultants and enterprise users (the services decide who may import for whom). The
upload is read by :mod:`assessment.io.excel_import`; every problem is listed as located,
literally, and nothing is saved until the workbook has none.
"""

from __future__ import annotations

import streamlit as st

from assessment import available, load_questionnaire, services
from assessment.io.excel_import import ImportedWorkbook, read_workbook
from assessment.io.excel_template import write_template
from assessment.io.problems import FileProblems

from . import state
from .i18n import t
from .text import show, tx

MAX_SHOWN = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner=False, max_entries=8)
def _template(ref: str) -> bytes:
    return write_template(load_questionnaire(ref))


def render(organisation_id: int, credit_code: str, lang: str) -> None:
    """The expander with template downloads, the upload and the import button."""
    with st.expander(t("consult.excel.heading", lang)):
        st.caption(t("consult.excel.intro", lang))
        cols = st.columns(max(len(available()), 1))
        for col, ref in zip(cols, sorted(available()), strict=False):
            q = load_questionnaire(ref)
            col.download_button(
                t("consult.excel.template", lang, title=q.title.get("en" if lang == "en" else "zh")),
                _template(q.ref),
                file_name=f"{q.id}-{q.version}.xlsx",
                mime=XLSX,
                key=f"excel.template.{q.id}",
            )
        upload = st.file_uploader(t("consult.excel.upload", lang), type=["xlsx"], key=f"excel.upload.{organisation_id}")
        if upload is None:
            return
        try:
            wb = read_workbook(upload.getvalue(), upload.name)
        except FileProblems as exc:
            st.error(t("consult.excel.problems", lang, n=len(exc.problems)))
            for p in exc.problems[:MAX_SHOWN]:
                show(str(p))
            if len(exc.problems) > MAX_SHOWN:
                st.caption(t("consult.excel.more", lang, n=len(exc.problems) - MAX_SHOWN))
            return
        _ready(wb, organisation_id, credit_code, lang)


def _ready(wb: ImportedWorkbook, organisation_id: int, credit_code: str, lang: str) -> None:
    name = wb.enterprise.name or "—"
    st.success(
        tx("consult.excel.ready", lang, enterprise=name, questionnaire=wb.questionnaire, answered=len(wb.answers), notes=len(wb.notes))
    )
    code = wb.enterprise.credit_code or credit_code
    if wb.enterprise.credit_code and wb.enterprise.credit_code != credit_code:
        st.warning(tx("consult.excel.other_org", lang, code=wb.enterprise.credit_code))
    for c in wb.changes:
        st.caption(tx("consult.excel.migrated", lang, change=f"{c.question_id}: {c.en if lang == 'en' else c.zh}"))
    if st.button(t("consult.excel.import", lang), type="primary", key=f"excel.import.{organisation_id}"):
        got = state.call(
            services.import_assessment,
            questionnaire=wb.questionnaire,
            credit_code=code,
            answers=wb.answers,
            notes=wb.notes,
            source=wb.source,
        )
        if got is not None:
            st.session_state[state.CURRENT] = got.assessment_id
            state.flash(t("consult.excel.done", lang, answered=got.answered))
            st.switch_page("app_pages/result.py")
