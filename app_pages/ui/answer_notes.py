"""Notes and evidence per answer, read-only: what was written and attached stays readable
after submission, for the enterprise, its consultant and the bureau.

Everything comes through the services (``list_notes`` / ``list_evidence`` / ``get_evidence``),
which decide what each role may see: a bureau sees only what belongs to submitted revisions.
Note texts and file names are user text, shown literally (:mod:`.text`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from assessment import services
from assessment.engine.models import Questionnaire

from . import state
from .i18n import t
from .text import md, show


def _file_data(evidence_id: int) -> Callable[[], bytes]:
    db, actor = state.database(), state.require_actor()

    def data() -> bytes:
        try:
            return services.get_evidence(db, actor, evidence_id)[1]
        except services.ServiceError:
            return b""

    return data


def render(assessment_id: int, qn: Questionnaire, lang: str) -> None:
    """An expander with every note and evidence file, grouped by question (nothing when none)."""
    notes = state.call(services.list_notes, assessment_id) or []
    files = state.call(services.list_evidence, assessment_id) or []
    if not notes and not files:
        return
    by_q: dict[str, list[Any]] = {}
    items: list[Any] = [*notes, *files]
    for item in items:
        by_q.setdefault(item.question_id, []).append(item)
    order = {q.id: i for i, q in enumerate(qn.questions)}
    with st.expander(t("notes.heading", lang, notes=len(notes), files=len(files)), icon=":material/attach_file:"):
        for qid in sorted(by_q, key=lambda q: order.get(q, len(order))):
            q = qn.question_index.get(qid)
            st.markdown(f"**{md(q.label.get('en' if lang == 'en' else 'zh') if q else qid)}**")
            for item in by_q[qid]:
                if isinstance(item, services.NoteInfo):
                    kind = t("notes.verified" if item.kind == "verified" else "notes.note", lang)
                    st.caption(f"{kind} · {item.created_at:%Y-%m-%d %H:%M}")
                    show(item.text)
                else:
                    st.download_button(
                        t("notes.file", lang, name=md(item.filename), size=max(1, item.size // 1024)),
                        data=_file_data(item.id),
                        file_name=item.filename,
                        mime=item.content_type or "application/octet-stream",
                        key=f"notes.file.{item.id}",
                        icon=":material/download:",
                    )
