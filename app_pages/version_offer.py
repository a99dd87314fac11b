"""The offer to move a draft of an older questionnaire version to the newer one.

Shown at the top of the questionnaire to the draft's owners (the enterprise, a linked
consultant): what would change — split practices, new questions, answers that cannot be
carried — and one button. The services decide whether an offer exists and create the new
draft (:func:`assessment.services.migration_offer`, :func:`~assessment.services.migrate_draft`);
this module only draws them.
"""

from __future__ import annotations

import streamlit as st

from app_pages.ui import state
from app_pages.ui.i18n import t
from assessment import services
from assessment.engine.base import Lang


def render(assessment_id: int, view: services.AssessmentView, lang: str) -> None:
    """Draw the offer for ``assessment_id`` if the services have one; nothing otherwise."""
    state.show_flash()  # "moved to #N" after the rerun into the new draft
    actor = state.require_actor()
    if not view.editable or actor.role not in ("enterprise", "consultant"):
        return
    offer = state.call(services.migration_offer, assessment_id)
    if offer is None:
        return
    if offer.migrated_to is not None:
        st.info(t("vm.already", lang, new=offer.to_ref, id=offer.migrated_to), icon=":material/upgrade:")
        if st.button(t("vm.open", lang, id=offer.migrated_to), key=f"version_offer.open.{assessment_id}"):
            _open(offer.migrated_to)
        return
    with st.container(border=True):
        st.info(
            t("vm.offer", lang, old=offer.from_ref, new=offer.to_ref, carried=offer.carried, answered=offer.answered),
            icon=":material/upgrade:",
        )
        with st.expander(t("vm.changes", lang, n=len(offer.changes))):
            lg: Lang = "en" if lang == "en" else "zh"
            rows = [
                {
                    "#": i,
                    t("vm.col.kind", lang): t(f"vm.kind.{c.kind}", lang),
                    t("vm.col.question", lang): c.label.get(lg),
                    t("vm.col.what", lang): c.message.get(lg),
                }
                for i, c in enumerate(offer.changes, start=1)
            ]
            st.dataframe(rows, hide_index=True, width="stretch")
        if st.button(t("vm.migrate", lang, new=offer.to_ref), type="primary", key=f"version_offer.migrate.{assessment_id}"):
            moved = state.call(services.migrate_draft, assessment_id, offer.to_ref)
            if moved is not None:
                state.flash(t("vm.done", lang, new=offer.to_ref, id=moved.view.summary.id))
                _open(moved.view.summary.id)


def _open(new_id: int) -> None:
    st.query_params["a"] = str(new_id)
    st.session_state[state.CURRENT] = new_id
    st.rerun()
