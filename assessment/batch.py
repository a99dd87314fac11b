"""The work of ``sfa import``, split so that a process pool can do the heavy parts.

Reading and checking a file (an Excel workbook or an answers file) and rendering a PDF are
pure functions of picklable inputs, run in worker processes on all cores; saving to the
database happens in the parent, one transaction per file, between the two. A file that
fails is reported with its located messages and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .io.problems import FileProblems

WORKBOOK_SUFFIXES = (".xlsx",)
ANSWERS_SUFFIXES = (".yaml", ".yml", ".json")
SUFFIXES = WORKBOOK_SUFFIXES + ANSWERS_SUFFIXES


@dataclass(frozen=True)
class Loaded:
    """A checked file: everything needed to assess it, save it and report it."""

    path: str
    questionnaire: str
    enterprise: dict[str, str]
    answers: dict[str, Any]
    notes: dict[str, str] = field(default_factory=dict)
    changes: tuple[str, ...] = ()
    verdict: tuple[str, str, float, float] | None = None
    """(rung label zh, en, score, max score), assessed in the worker that read the file, so the
    summary lines cost the main process nothing while the workers wait for the next phase."""


def _with_verdict(x: Loaded) -> Loaded:
    from dataclasses import replace

    from . import catalog
    from .engine import assess
    from .engine.models import Profile

    r = assess(catalog.load_questionnaire(x.questionnaire), x.answers, Profile(**x.enterprise))
    return replace(x, verdict=(r.rung_label.zh, r.rung_label.en, r.score, r.max_score))


@dataclass(frozen=True)
class Failed:
    path: str
    problems: tuple[str, ...]


@dataclass(frozen=True)
class PdfJob:
    path: str
    output: str
    questionnaire: str
    enterprise: dict[str, str]
    answers: dict[str, Any]
    notes: dict[str, str]
    options: Any  # reports.ReportOptions (kept Any so that this module does not import reportlab)
    comparison: Any = None  # assessment.engine.compare.RoundComparison


def collect(paths: list[Path]) -> tuple[list[Path], list[Failed]]:
    """The files to import: given files, and the workbooks / answers files in given folders."""
    files: list[Path] = []
    bad: list[Failed] = []
    for p in paths:
        if p.is_dir():
            found = sorted(x for x in p.iterdir() if x.is_file() and x.suffix.lower() in SUFFIXES and not x.name.startswith(("~$", ".")))
            if not found:
                bad.append(Failed(str(p), ("此目录中没有 .xlsx / .yaml / .json 文件 / no .xlsx, .yaml or .json files in this folder",)))
            files += found
        elif p.is_file():
            files.append(p)
        else:
            bad.append(Failed(str(p), ("文件不存在 / no such file or folder",)))
    return files, bad


def load(path: str) -> Loaded | Failed:
    """Read and check one file (in a worker). Never raises."""
    from . import catalog
    from .engine import AnswerError, check_answers
    from .engine.loader import QuestionnaireError

    p = Path(path)
    try:
        if p.suffix.lower() in WORKBOOK_SUFFIXES:
            from .io.excel_import import read_workbook_file

            wb = read_workbook_file(p)
            changes = tuple(f"{c.question_id}: {c.zh} / {c.en}" for c in wb.changes)
            return _with_verdict(Loaded(path, wb.questionnaire, wb.enterprise.model_dump(), dict(wb.answers), dict(wb.notes), changes))
        from .io.answers_file import AnswersFileError, read_answers

        try:
            af = read_answers(p)
        except AnswersFileError as exc:
            return Failed(path, (str(exc),))
        try:
            q = catalog.load_questionnaire(af.questionnaire)
        except QuestionnaireError as exc:
            return Failed(path, (f"{path} › questionnaire: {exc.problems[0]}",))
        try:
            checked = check_answers(q, af.answers)
        except AnswerError as exc:
            return Failed(path, (f"{path} › answers › {exc.question_id}: {exc.message_zh} / {exc.message}",))
        answers = {k: list(v) if isinstance(v, tuple) else v for k, v in checked.items()}
        return _with_verdict(Loaded(path, q.ref, af.enterprise.model_dump(), answers))
    except FileProblems as exc:
        return Failed(path, tuple(str(x) for x in exc.problems))
    except Exception as exc:  # a bug must not stop the batch; it is listed like bad input
        return Failed(path, (f"{path}: 内部错误 / internal error ({type(exc).__name__}: {exc})",))


def render(job: PdfJob) -> Failed | str:
    """Assess and write one PDF (in a worker); the output path, or what went wrong."""
    try:
        from reports import render_report

        from . import catalog
        from .engine import assess
        from .engine.models import Profile

        q = catalog.load_questionnaire(job.questionnaire)
        profile = Profile(**job.enterprise)
        result = assess(q, job.answers, profile)
        data = render_report(
            result, q, profile, job.options, answers=job.answers, notes=job.notes, comparison=job.comparison, progress=None
        )
        Path(job.output).write_bytes(data)
        return job.output
    except Exception as exc:  # listed at the end like bad input
        return Failed(job.path, (f"{job.path}: PDF 生成失败 / the PDF failed ({type(exc).__name__}: {exc})",))


def warm_up(questionnaires: tuple[str, ...] = ()) -> None:
    """Prepare a worker: register the fonts and load the questionnaires once."""
    from reports.fonts import register_fonts

    from . import catalog

    register_fonts(None)
    for ref in questionnaires:
        catalog.load_questionnaire(ref)
    import gc

    gc.freeze()  # what is loaded now lives as long as the worker: no collection walks it again


def summary_line(loaded: Loaded, lang: str = "zh") -> str:
    """``✓ file · 企业 · ref · 先进级 · 29.5 / 100`` (from the worker's verdict, else assessed here)."""
    verdict = loaded.verdict or _with_verdict(loaded).verdict
    assert verdict is not None
    zh, en, score, max_score = verdict
    name = loaded.enterprise.get("name") or "—"
    return f"✓ {loaded.path} · {name} · {loaded.questionnaire} · {en if lang == 'en' else zh} · {score:.1f} / {max_score:g}"


def unique_names(paths: list[str]) -> Mapping[str, str]:
    """A PDF file name per input: its stem, or its whole name when two stems collide."""
    stems = [Path(p).stem for p in paths]
    return {p: (Path(p).stem if stems.count(Path(p).stem) == 1 else Path(p).name) + ".pdf" for p in paths}
