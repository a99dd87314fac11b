"""Progress toward the targets of the view's area, each with its source clause and confidence."""

from __future__ import annotations

import streamlit as st

from app_pages.ui import state
from app_pages.ui.bureau_charts import count, percent
from app_pages.ui.i18n import t
from assessment.engine.base import Lang
from assessment.services import bureau
from assessment.services.candidates import progress


def render_targets(f: bureau.Filters, lang: Lang) -> None:
    items = state.call(progress, f)
    if items is None:
        return
    st.subheader(t("bureau.targets", lang))
    if not items:
        st.caption(t("bureau.t.no_targets", lang))
        return
    from assessment import targets as targets_data

    sets = {ts.id: ts for ts in targets_data.load_all()}
    cols = st.columns(len(items))
    for col, it in zip(cols, items, strict=True):
        tg = it.target
        with col.container(border=True):
            st.markdown(f"**{tg.label if lang == 'zh' else tg.label_en}**")
            unit = tg.unit if tg.unit == "%" else (f" {tg.unit}" if lang == "zh" else "")
            if it.value is None:
                st.caption(t("bureau.t.no_register" if tg.measure == "coverage_percent" else "bureau.t.none", lang))
            else:
                shown = percent(it.value) if tg.measure == "coverage_percent" else count(it.value)
                st.progress(
                    (it.percent or 0) / 100,
                    text=t(
                        "bureau.t.value", lang, value=shown, target=count(tg.value), unit=unit if tg.measure != "coverage_percent" else "%"
                    ),
                )
            if it.eligible is not None:
                st.caption(t("bureau.t.eligible", lang, n=count(it.eligible)))
            if it.questionnaire:
                st.caption(t("bureau.t.counted_on", lang, questionnaire=it.questionnaire))
            src = sets[it.set_id].source
            st.caption(t("bureau.t.source", lang, doc=src.document, clause=tg.clause, sconf=src.confidence, conf=tg.confidence))
