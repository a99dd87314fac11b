"""Appendix: the enterprise record in full, every answer (with the notes given per answer),
the source documents, the versions that made the report, and the disclaimer that a
self-assessment is not an official recognition (自评结果不代表官方认定)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from reportlab.platypus import Flowable, PageBreak, Spacer

from assessment.engine.context import Context
from assessment.engine.models import AnswerValue, Profile, Question, Questionnaire

from .front import info_table, profile_rows
from .kit import Kit
from .options import ReportOptions, ReportPart
from .styles import GREY_LIGHT, WIDTH


def answer_text(k: Kit, q: Question, value: AnswerValue | None) -> tuple[str, bool]:
    """(text, muted) for an answer as the enterprise gave it."""
    if value is None:
        return k.t("unanswered"), True
    if q.kind == "yesno":
        return k.t("yes") if value is True else k.t("no"), False
    if q.kind == "single" and isinstance(value, str):
        opt = q.option(value)
        return (k.x(opt.label) if opt else value), False
    if q.kind == "multi" and isinstance(value, tuple):
        labels = [k.x(o.label) for o in q.options if o.value in value]
        return ("；" if k.lang == "zh" else "; ").join(labels) if labels else k.t("none_selected"), not labels
    if q.kind == "number" and isinstance(value, (int, float)):
        unit = k.x(q.number.unit) if q.number and q.number.unit else ""
        return f"{value:g} {unit}".strip(), False
    return str(value), False


NOTE_ROW_CHARS = 1200
"""A note longer than this continues in further rows: reportlab cannot split a row whose cells
span columns, and a row taller than a page stops the whole report (a note may have 5,000
characters). 1,200 characters across the page are about 25 lines."""


def chunks(text: str, size: int) -> list[str]:
    """``text`` in pieces of at most ``size`` characters, cut after a line break or a sentence
    mark where one is near the end of a piece.

    >>> chunks("一二三。四五六", 4)
    ['一二三。', '四五六']
    """
    out: list[str] = []
    while len(text) > size:
        cut = max(text.rfind(mark, size // 2, size) for mark in ("\n", "。", "；", ". ", "，", ", ", " "))
        cut = cut + 1 if cut > 0 else size
        out.append(text[:cut])
        text = text[cut:]
    if text:
        out.append(text)
    return out


def _answers(k: Kit, part: ReportPart, checked: Mapping[str, AnswerValue], profile: Profile) -> list[Flowable]:
    q = part.questionnaire
    ctx = Context(q, dict(checked), profile)
    story: list[Flowable] = []
    notes = {qid: n for qid, n in part.notes.items() if n}
    for s in q.sections:
        story += k.h(3, k.x(s.label), outline=False)
        rows: list[list[Flowable]] = [k.head(k.t("question"), k.t("answer"))]
        extra: list[tuple[object, ...]] = []
        for x in s.questions:
            if not ctx.shown(x):
                text, muted = k.t("not_shown"), True
            else:
                text, muted = answer_text(k, x, checked.get(x.id))
            rows.append([k.p(k.x(x.label), k.st.cell), k.pm(k.muted(text) if muted else k.m(text), k.st.cell)])
            note = notes.get(x.id)
            for j, piece in enumerate(chunks(note or "", NOTE_ROW_CHARS)):
                i = len(rows)
                label = f"{k.b(k.t('note'))}{'：' if k.lang == 'zh' else ': '}" if j == 0 else ""
                rows.append([k.pm(f"{label}{k.m(piece)}", k.st.cell), k.p("", k.st.cell)])
                extra += [("SPAN", (0, i), (1, i)), ("BACKGROUND", (0, i), (1, i), GREY_LIGHT)]
        story.append(k.table(rows, [WIDTH * 0.56, WIDTH * 0.44], zebra=False, extra=extra, split_in_row=True))
    unknown = [(qid, n) for qid, n in notes.items() if qid not in q.question_index]
    if unknown:
        story += k.h(3, k.t("other_notes"), outline=False)
        rows = [k.head(k.t("question"), k.t("note"))]
        for qid, n in unknown:
            pieces = chunks(n, NOTE_ROW_CHARS // 2)
            rows += [[k.p(qid if j == 0 else "", k.st.cell), k.p(piece, k.st.cell)] for j, piece in enumerate(pieces)]
        story.append(k.table(rows, [WIDTH * 0.3, WIDTH * 0.7], split_in_row=True))
    return story


def _sources(k: Kit, parts: Sequence[ReportPart]) -> list[Flowable]:
    rows: list[list[Flowable]] = [k.head(k.t("sources"), k.t("doc_number"), k.t("confidence", c="").strip(), "URL")]
    seen: set[str] = set()
    for part in parts:
        for s in part.questionnaire.sources:
            if s.title in seen:
                continue
            seen.add(s.title)
            rows.append(
                [
                    k.p(s.title, k.st.cell),
                    k.p(s.number or "—", k.st.cell),
                    k.p(s.confidence, k.st.cell_center),
                    k.p(s.url or "—", k.st.small_grey),
                ]
            )
    return [k.table(rows, [WIDTH * 0.36, WIDTH * 0.24, WIDTH * 0.1, WIDTH * 0.3])]


def _versions(k: Kit, parts: Sequence[ReportPart], opts: ReportOptions, generator: str) -> list[Flowable]:
    rows: list[tuple[str, str, bool]] = []
    for part in parts:
        q: Questionnaire = part.questionnaire
        rows.append((k.t("questionnaire_version"), f"{k.x(q.title)} [{q.ref}]", False))
        rows.append((k.t("effective"), q.effective_date, False))
    engines = sorted({p.result.engine_version for p in parts})
    rows.append((k.t("engine_version"), ", ".join(engines), False))
    rows.append((k.t("generator"), generator, False))
    rows.append((k.t("report_date"), opts.date().isoformat(), False))
    return [info_table(k, rows, 46 * 2.835)]


def appendix(
    k: Kit, parts: Sequence[ReportPart], checked: Sequence[Mapping[str, AnswerValue]], profile: Profile, opts: ReportOptions, generator: str
) -> list[Flowable]:
    k = replace(k, heading_offset=0)
    story: list[Flowable] = [PageBreak(), *k.h(1, k.t("appendix"))]
    story += k.h(2, k.t("enterprise_info"))
    name = profile.name.strip()
    rows = [(k.t("enterprise"), name or k.t("not_given"), not name), *profile_rows(k, profile, opts, None)]
    story.append(info_table(k, rows, 42 * 2.835))
    for part, answers in zip(parts, checked, strict=True):
        title = k.t("answers") + (f" · {k.x(part.questionnaire.title)}" if len(parts) > 1 else "")
        story += k.h(2, title)
        story += _answers(k, part, answers, profile)
    story += k.h(2, k.t("sources"))
    story += _sources(k, parts)
    story += k.h(2, k.t("versions"))
    story += _versions(k, parts, opts, generator)
    story += k.h(2, k.t("disclaimer"))
    story.append(k.p(k.t("disclaimer_text"), k.st.body))
    story.append(Spacer(1, 6))
    return story
