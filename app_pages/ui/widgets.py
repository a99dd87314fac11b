"""Question widgets: one per question kind, keyed by question id, saving on every change.

Each widget's key is ``<prefix><question id>`` (the prefix names the assessment, so two
assessments never share widget state). ``save(question_id, value)`` is called from the
widget's on_change callback and returns an error message or None; the message is shown
right under the question on the next run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from assessment.engine.models import Question, Questionnaire, Section

from .i18n import t
from .text import md, show, tx

Save = Callable[[str, Any], str | None]
ERR = "qerr."


def _lbl(text: Any, lang: str) -> str:
    return str(text.get("en" if lang == "en" else "zh"))


def _on_change(key: str, qid: str, save: Save, convert: Callable[[Any], Any], write_back: bool = False) -> None:
    value = convert(st.session_state.get(key))
    if write_back:  # e.g. 「无」 dropped when chosen together with other options
        st.session_state[key] = value
    err = save(qid, value)
    st.session_state[ERR + key] = err


def _help(q: Question, lang: str) -> str | None:
    return _lbl(q.help, lang) if q.help else None


def _caption(q: Question, qn: Questionnaire, lang: str) -> None:
    """依据 / 可信度 / 佐证材料建议 of one question, folded into one expander (explained once
    per page by :func:`app_pages.ui.parts.confidence_legend`)."""
    sep = ": " if lang == "en" else "："
    lines = []
    if q.source is not None:
        doc = qn.source_titles.get(q.source.doc, q.source.doc)
        lines.append(f"**{t('q.source', lang)}**{sep}{doc} › {q.source.clause}")
    if q.confidence:
        lines.append(f"**{t('q.confidence', lang)}**{sep}{q.confidence} — {t('q.confidence.' + q.confidence, lang)}")
    if q.evidence_hints:
        hints = ("; " if lang == "en" else "；").join(_lbl(h, lang) for h in q.evidence_hints)
        lines.append(f"**{t('q.evidence', lang)}**{sep}{hints}")
    if lines:
        with st.expander(t("q.basis", lang), icon=":material/menu_book:"):
            st.markdown("  \n".join(lines))


def question_widget(q: Question, qn: Questionnaire, value: Any, prefix: str, lang: str, disabled: bool, save: Save) -> None:
    """Draw one question with its current ``value``; changes are saved through ``save``."""
    key = prefix + q.id
    label = _lbl(q.label, lang)
    common: dict[str, Any] = {"key": key, "help": _help(q, lang), "disabled": disabled}
    if q.kind == "single":
        values = [o.value for o in q.options]
        labels = {o.value: _lbl(o.label, lang) for o in q.options}
        if key not in st.session_state:
            st.session_state[key] = value if value in values else None
        captions = [_lbl(o.description, lang) if o.description else "" for o in q.options]
        st.radio(
            label,
            values,
            format_func=lambda v: labels[v],
            index=None,
            captions=captions if any(captions) else None,
            horizontal=not any(captions) and sum(len(x) for x in labels.values()) < 60,
            on_change=_on_change,
            args=(key, q.id, save, lambda v: v),
            **common,
        )
    elif q.kind == "multi":
        values = [o.value for o in q.options]
        labels = {o.value: _lbl(o.label, lang) for o in q.options}
        if key not in st.session_state:
            st.session_state[key] = [v for v in (value or []) if v in values]

        def convert(v: Any) -> list[str]:
            chosen = list(v or [])
            exclusive = {o.value for o in q.options if o.exclusive}
            if len(chosen) > 1:
                chosen = [c for c in chosen if c not in exclusive]
            return chosen

        st.multiselect(
            label,
            values,
            format_func=lambda v: labels[v],
            placeholder=t("q.none_choice", lang),
            select_all=False,  # Streamlit's 「Select all」 is English; choosing every option is rare
            on_change=_on_change,
            args=(key, q.id, save, convert, True),
            **common,
        )
    elif q.kind == "yesno":
        if key not in st.session_state:
            st.session_state[key] = value if isinstance(value, bool) else None
        names = {True: t("q.yes", lang), False: t("q.no", lang)}
        st.radio(
            label,
            [True, False],
            format_func=lambda v: names[v],
            index=None,
            horizontal=True,
            on_change=_on_change,
            args=(key, q.id, save, lambda v: v),
            **common,
        )
    elif q.kind == "number":
        spec = q.number
        whole = bool(spec and spec.integer)
        if key not in st.session_state:
            number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
            st.session_state[key] = int(number) if whole and number is not None else number
        unit_text = _lbl(spec.unit, lang) if spec and spec.unit else ""
        unit = ""
        if unit_text and unit_text not in label:  # labels such as 「数量为（台）」 already name it
            unit = f"（{unit_text}）" if lang != "en" else f" ({unit_text})"
        # no min/max on the widget: its own out-of-range message is English; the engine's
        # check refuses the value and the message below names the field in both languages
        st.number_input(
            label + unit,
            value=None,
            step=1 if whole else 1.0,
            format="%d" if whole else None,
            on_change=_on_change,
            args=(key, q.id, save, lambda v: int(v) if whole and v is not None else v),
            **common,
        )
        st.caption(number_range(q, lang))
    else:
        if key not in st.session_state:
            st.session_state[key] = value if isinstance(value, str) else ""
        st.text_area(
            label, max_chars=q.max_length, on_change=_on_change, args=(key, q.id, save, lambda v: v if v else None), height=80, **common
        )
    err = st.session_state.get(ERR + key)
    if err:
        st.error(tx("q.invalid_named", lang, label=label, message=err), icon=":material/warning:")
    _caption(q, qn, lang)


def number_range(q: Question, lang: str) -> str:
    """「允许范围：0–100（%），整数」: what a number field accepts, stated beside it."""
    spec = q.number
    lo = spec.min if spec else None
    hi = spec.max if spec else None
    if lo is not None and hi is not None:
        text = t("q.range.between", lang, lo=f"{lo:g}", hi=f"{hi:g}")
    elif lo is not None:
        text = t("q.range.min", lang, lo=f"{lo:g}")
    elif hi is not None:
        text = t("q.range.max", lang, hi=f"{hi:g}")
    else:
        text = t("q.range.any", lang)
    if spec and spec.unit:
        text += f"（{_lbl(spec.unit, lang)}）" if lang != "en" else f" ({_lbl(spec.unit, lang)})"
    if spec and spec.integer:
        text += t("q.range.integer", lang)
    return text


def scenario_table(
    section: Section, qn: Questionnaire, answers: Mapping[str, Any], prefix: str, lang: str, disabled: bool, save: Save
) -> None:
    """The scenario inventory as one table: implemented / uses AI per scenario."""
    st.caption(t("q.scenario_table", lang) + " " + t("q.ai_needs_implemented", lang))
    guide = {g.id: _lbl(g.label, lang) for g in (qn.stages.guide_stages if qn.stages else ())}
    rows = []
    for q in section.questions:
        flags = set()
        opt = q.option(answers[q.id]) if isinstance(answers.get(q.id), str) else None
        if opt is not None:
            flags = set(opt.flags)
        rows.append(
            {
                "id": q.id,
                t("q.col.stage", lang): guide.get(q.guide_stage or "", ""),
                t("q.col.scenario", lang): _lbl(q.label, lang),
                t("q.col.implemented", lang): "implemented" in flags,
                t("q.col.ai", lang): "ai" in flags,
            }
        )
    frame = pd.DataFrame(rows).set_index("id")
    key = prefix + section.id + ".table"
    impl, ai = t("q.col.implemented", lang), t("q.col.ai", lang)

    def on_edit() -> None:
        edits = st.session_state.get(key, {}).get("edited_rows", {})
        errors = []
        for row_index, change in edits.items():
            qid = frame.index[int(row_index)]
            q = qn.question(qid)
            was = frame.loc[qid]
            implemented = bool(change.get(impl, was[impl]))
            uses_ai = bool(change.get(ai, was[ai]))
            want = "ai" if uses_ai else ("implemented" if implemented else None)
            value = next(
                (
                    o.value
                    for o in q.options
                    if (want is None and not o.flags)
                    or (want == "ai" and "ai" in o.flags)
                    or (want == "implemented" and set(o.flags) == {"implemented"})
                ),
                None,
            )
            err = save(qid, value)
            if err:
                errors.append(err)
        st.session_state[ERR + key] = "；".join(errors) if errors else None

    st.data_editor(
        frame,
        key=key,
        disabled=disabled or [t("q.col.stage", lang), t("q.col.scenario", lang)],
        hide_index=True,
        width="stretch",
        height=min(38 * (len(rows) + 1) + 4, 1600),
        column_config={
            impl: st.column_config.CheckboxColumn(impl, width="small"),
            ai: st.column_config.CheckboxColumn(ai, width="small"),
        },
        on_change=on_edit,
    )
    if st.session_state.get(ERR + key):
        st.error(tx("q.invalid", lang, message=st.session_state[ERR + key]), icon=":material/warning:")


def notes_panel(
    qid: str,
    notes: list[Any],
    files: list[Any],
    prefix: str,
    lang: str,
    *,
    can_write: bool,
    can_verify: bool,
    add_note: Callable[[str, str, str], str | None],
    add_file: Callable[[str, str, bytes], str | None],
) -> None:
    """Notes, evidence files and the consultant's "verified" mark for one answer.

    User text is shown literally (``app_pages.ui.text``: never as Markdown or HTML).
    """
    verified = any(n.kind == "verified" for n in notes)
    label = f"{t('q.note', lang)} · {len([n for n in notes if n.kind == 'note'])} / {t('q.evidence', lang)} · {len(files)}"
    if verified:
        label += f" · :material/verified: {t('status.verified', lang)}"
    with st.popover(label, width="content"):
        for n in notes:
            mark = ":material/verified: " if n.kind == "verified" else ""
            st.caption(f"{mark}{n.created_at:%Y-%m-%d %H:%M}")
            show(n.text)
        for f in files:
            st.caption(f":material/attach_file: {md(f.filename)} · {max(1, f.size // 1024)} KiB")
        if not can_write:
            return
        text = st.text_area(t("q.note", lang), key=f"{prefix}note.{qid}", max_chars=5000, height=80)
        if st.button(t("q.add_note", lang), key=f"{prefix}note_save.{qid}") and text.strip():
            err = add_note(qid, text.strip(), "note")
            st.error(md(err)) if err else st.rerun()
        upload = st.file_uploader(
            t("q.evidence", lang), key=f"{prefix}file.{qid}", type=["pdf", "png", "jpg", "jpeg", "xlsx", "docx", "pptx", "csv", "txt"]
        )
        if upload is not None and st.button(t("q.upload", lang), key=f"{prefix}file_save.{qid}"):
            err = add_file(qid, upload.name, upload.getvalue())
            st.error(md(err)) if err else st.rerun()
        if can_verify and not verified and st.button(t("q.verify", lang), key=f"{prefix}verify.{qid}"):
            err = add_note(qid, t("q.verified_text", lang), "verified")
            st.error(md(err)) if err else st.rerun()
