"""The questionnaire: sections as steps, every answer saved as it is given.

The assessment comes from the URL (``?a=<id>``, so a reload finds it again) or from the
session. Answers live in the database only: a refresh, a closed tab or a server restart
loses nothing, and the page resumes at the first part with unanswered questions.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages import version_offer
from app_pages.ui import inventory, parts, return_notice, state
from app_pages.ui.i18n import t
from app_pages.ui.text import md
from app_pages.ui.widgets import notes_panel, question_widget, scenario_table
from assessment import load_questionnaire, services
from assessment.engine import AnswerError, visible_questions
from assessment.engine.models import Section

lang = state.lang()
L = lang
actor = state.require_actor()
aid, view = state.open_current()
assessment_id: int = aid
qn = load_questionnaire(view.summary.questionnaire)
org = state.call(services.get_organisation, view.summary.organisation_id)
profile = {"production_type": view.summary.production_type, "size": view.summary.size_class}
answers: dict[str, Any] = dict(view.answers)
shown = visible_questions(qn, answers, profile)
disabled = not view.editable or actor.role not in ("enterprise", "consultant")

st.title(qn.title.get(L))
st.caption(f"{md(org.name) if org else ''} · {t('status.' + view.summary.status, lang)}")
return_notice.render(view, lang)
version_offer.render(aid, view, lang)
done = view.progress
st.progress(done.share, text=t("q.progress", lang, answered=done.answered, total=done.total))
if not view.editable:
    st.info(t("q.readonly", lang))

sections = [s for s in qn.sections if any(q.id in shown for q in s.questions)]
step = parts.current(aid, sections, done)
parts.picker(aid, step, sections, done, lang)
parts.confidence_legend(lang)
state.show_flash()


prefix = f"a{aid}.r{view.revision}."
# Per question, the draft version at which this page loaded the answer its widget shows:
# sent with every save, so that an answer somebody else changed meanwhile is not overwritten.
# (A comment, not a string: Streamlit's "magic" would print a bare string on the page.)
seen: dict[str, int] = st.session_state.setdefault(f"questionnaire.seen.{aid}.{view.revision}", {})


def widget_value(question_id: str, stored: Any) -> Any:
    """A stored answer as its widget holds it."""
    kind = qn.question(question_id).kind
    if kind == "multi":
        return list(stored or [])
    if kind == "text":
        return stored or ""
    return stored


def save(question_id: str, value: Any) -> str | None:
    """Save one answer now; the message to show under the question if it was refused."""
    try:
        saved = services.save_answer(
            state.database(), state.require_actor(), assessment_id, question_id, value, seen_version=seen.get(question_id, view.version)
        )
    except services.EditConflict as exc:
        st.session_state[prefix + question_id] = widget_value(question_id, exc.current)  # show the current answer
        seen[question_id] = exc.version
        return exc.message(L)
    except AnswerError as exc:
        return exc.message if lang == "en" else exc.message_zh
    except services.ServiceError as exc:
        return exc.message(L)
    seen[question_id] = saved.version
    st.toast(t("q.saved", lang), icon=":material/save:")
    return None


def add_note(question_id: str, text: str, kind: str) -> str | None:
    try:
        services.add_note(state.database(), state.require_actor(), assessment_id, question_id, text, kind=kind)
    except services.ServiceError as exc:
        return exc.message(L)
    return None


def add_file(question_id: str, filename: str, data: bytes) -> str | None:
    try:
        services.add_evidence(state.database(), state.require_actor(), assessment_id, question_id, filename, data)
    except services.ServiceError as exc:
        return exc.message(L)
    return None


def is_inventory(section: Section) -> bool:
    return all("scenario" in q.tags and any("implemented" in o.flags for o in q.options) for q in section.questions)


section = sections[step]
st.header(section.label.get(L))
if section.help:
    st.caption(section.help.get(L))
notes_by_q: dict[str, list[Any]] = {}
for note in state.call(services.list_notes, assessment_id) or []:
    notes_by_q.setdefault(note.question_id, []).append(note)
files_by_q: dict[str, list[Any]] = {}
for info in state.call(services.list_evidence, assessment_id) or []:
    files_by_q.setdefault(info.question_id, []).append(info)
if is_inventory(section):
    for q in section.questions:  # the table is drawn from the stored answers on every run
        seen[q.id] = view.version
    scenario_table(section, qn, answers, prefix, lang, disabled, save)
    inventory.complete_rest(assessment_id, section, answers, lang, disabled, view.version)
else:
    for q in section.questions:
        if q.id not in shown:
            continue
        if prefix + q.id not in st.session_state:  # the widget is about to load the stored answer
            seen[q.id] = view.version
        with st.container(border=True):
            question_widget(q, qn, answers.get(q.id), prefix, lang, disabled, save)
            notes_panel(
                q.id,
                notes_by_q.get(q.id, []),
                files_by_q.get(q.id, []),
                prefix,
                lang,
                can_write=view.editable and actor.role in ("enterprise", "consultant"),
                can_verify=view.editable and actor.role == "consultant",
                add_note=add_note,
                add_file=add_file,
            )

if parts.buttons(aid, step, len(sections), lang, "bottom"):
    st.switch_page("app_pages/result.py")
