"""Result → PDF bytes: assembles cover, summary, analysis, findings, roadmap and appendix.

Nothing is recomputed: every figure, verdict and gap comes from the ``Result``; answers are
only shown (and laid out by 环节 / level) as the enterprise gave them.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from reportlab.platypus import Flowable, PageBreak

from assessment import __version__
from assessment.engine.answers import AnswerError, check_answers
from assessment.engine.compare import RoundComparison
from assessment.engine.models import AnswerValue, Profile, Questionnaire
from assessment.engine.results import Result

from . import analysis, appendix, findings, front, plan, rounds
from .document import Running, build_pdf
from .fonts import Progress, default_progress, register_fonts
from .kit import Kit
from .options import ReportError, ReportOptions, ReportPart
from .styles import make_styles
from .text import shorten

GENERATOR = f"sfa report · smart-factory-assessment {__version__}"


def _profile(profile: Profile | Mapping[str, Any] | None) -> Profile:
    if profile is None:
        return Profile()
    if isinstance(profile, Profile):
        return profile
    return Profile.model_validate({k: ("" if v is None else str(v)) for k, v in dict(profile).items()}, strict=False)


def _part_story(k: Kit, part: ReportPart, answers: Mapping[str, AnswerValue]) -> list[Flowable]:
    q, r = part.questionnaire, part.result
    story: list[Flowable] = []
    story += analysis.scores(k, q, r)
    if part.comparison is not None:
        story += rounds.comparison(k, part.comparison)
    story += analysis.scenarios(k, q, r, answers)
    story += findings.criteria(k, q, r)
    story += findings.gaps(k, q, r)
    story += plan.roadmap(k, q, r)
    return story


_gc_lock = threading.Lock()
_gc_holders = 0


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a report is laid out.

    A report makes a few hundred thousand short-lived objects, and each full collection
    walks every object of the process (with the shared paragraph layouts, most of them),
    which took 10–16 % of a report's time. Reference counting still frees everything that
    is not a cycle; the collector resumes when the last report running in this process is
    done (the web app renders in threads), and the cycles left are collected as usual."""
    global _gc_holders
    with _gc_lock:
        if _gc_holders == 0 and not gc.isenabled():
            paused = False  # someone else switched it off: leave it to them
        else:
            paused = True
            _gc_holders += 1
            gc.disable()
    try:
        yield
    finally:
        if paused:
            with _gc_lock:
                _gc_holders -= 1
                if _gc_holders == 0:
                    gc.enable()


def render_combined_report(
    parts: Sequence[ReportPart],
    profile: Profile | Mapping[str, Any] | None = None,
    options: ReportOptions | None = None,
    progress: Progress | None = default_progress,
) -> bytes:
    """One PDF for one enterprise and one or more filled questionnaires (e.g. the smart-factory
    tier self-assessment and the 智改数转 diagnostic)."""
    if not parts:
        raise ReportError("nothing to report: no questionnaire results given")
    with _no_cycle_collection():
        return _render(parts, profile, options, progress)


def _render(
    parts: Sequence[ReportPart],
    profile: Profile | Mapping[str, Any] | None,
    options: ReportOptions | None,
    progress: Progress | None,
) -> bytes:
    opts = options or ReportOptions()
    prof = _profile(profile)
    checked: list[dict[str, AnswerValue]] = []
    for part in parts:
        part.check()
        try:
            checked.append(check_answers(part.questionnaire, part.answers))
        except AnswerError as exc:
            raise ReportError(f"answers › {exc.question_id}: {exc.message}") from None
    fonts = register_fonts(progress)
    lang = opts.lang
    k = Kit(lang, fonts, make_styles(fonts, lang), heading_offset=1 if len(parts) > 1 else 0)
    story: list[Flowable] = []
    story += front.cover(k, parts, prof, opts)
    story += front.summary(k, parts)
    for i, (part, answers) in enumerate(zip(parts, checked, strict=True), 1):
        story.append(PageBreak())
        if len(parts) > 1:
            story += replace(k, heading_offset=0).h(1, f"{k.t('part', n=i)} · {k.x(part.questionnaire.title)}")
        story += _part_story(k, part, answers)
    story += appendix.appendix(k, parts, checked, prof, opts, GENERATOR)

    title = k.t("report_title") if len(parts) == 1 else k.t("combined_title")
    name = shorten(prof.name, 200)
    running = Running(
        lang=lang,
        fonts=fonts,
        left=f"{title} · {name}" if name else title,
        right=" + ".join(p.questionnaire.ref for p in parts),
        footer=k.t("footer_note"),
        footer_extra=shorten(opts.consultant, 200),
    )
    meta = {
        "title": f"{title} — {shorten(prof.name, 120)}" if prof.name.strip() else title,
        "author": ", ".join(x for x in (shorten(opts.assessor, 80), shorten(opts.consultant, 80)) if x) or "sfa",
        "subject": " + ".join(k.x(p.questionnaire.title) for p in parts),
        "keywords": ", ".join([p.questionnaire.ref for p in parts] + [k.x(p.result.rung_label) for p in parts]),
        "creator": GENERATOR,
    }
    return build_pdf(story, running, meta, invariant=opts.deterministic)


def render_report(
    result: Result,
    questionnaire: Questionnaire,
    profile: Profile | Mapping[str, Any] | None = None,
    options: ReportOptions | None = None,
    *,
    answers: Mapping[str, Any] | None = None,
    notes: Mapping[str, str] | None = None,
    comparison: RoundComparison | None = None,
    progress: Progress | None = default_progress,
) -> bytes:
    """The PDF gap report of one filled questionnaire.

    ``answers`` are the answers ``result`` was assessed from (shown in the appendix and the
    scenario pages); ``notes`` are optional remarks per question id; ``comparison`` adds the
    section 「与上一轮比较」.
    """
    part = ReportPart(questionnaire, result, answers or {}, notes or {}, comparison)
    return render_combined_report([part], profile, options, progress)
