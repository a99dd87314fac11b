"""``sfa report``: the PDF gap report of answers files, one at a time or a folder in batch.

    sfa report answers.yaml -o report.pdf [--lang en] [--consultant ORG] [--assessor NAME]
                                          [--logo logo.png] [--date 2025-03-01]
    sfa report sf.yaml sme.yaml -o combined.pdf      # both questionnaires of one enterprise
    sfa report answers/ -o reports/                  # every *.yaml / *.yml / *.json in a folder

Bad input gives one line ``错误 / error: <file> › <place>: message`` and a non-zero exit, never
a traceback. In a folder, bad files are skipped and listed at the end (exit status 1).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from . import catalog
from .engine import AnswerError, assess
from .engine.loader import QuestionnaireError
from .io.answers_file import AnswersFile, AnswersFileError, read_answers

if TYPE_CHECKING:
    from reports import ReportOptions, ReportPart

SUFFIXES = (".yaml", ".yml", ".json")


class _Failure(Exception):
    """One input that cannot be reported; the message names the file and the place."""


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"错误 / error: {message}", err=True)
    raise typer.Exit(code)


def _part(path: Path) -> tuple[AnswersFile, ReportPart]:
    from reports import ReportPart

    try:
        af = read_answers(path)
    except AnswersFileError as exc:
        raise _Failure(str(exc)) from None
    try:
        q = catalog.load_questionnaire(af.questionnaire)
    except (QuestionnaireError, ValueError) as exc:
        problems = getattr(exc, "problems", None) or [str(exc)]
        raise _Failure(f"{path} › questionnaire: {problems[0]}") from None
    try:
        result = assess(q, af.answers, af.enterprise.profile())
    except AnswerError as exc:
        raise _Failure(f"{path} › answers › {exc.question_id}: {exc.message}") from None
    return af, ReportPart(q, result, af.answers)


def _render(paths: list[Path], opts: ReportOptions, progress: Callable[[str], None] | None) -> bytes:
    from reports import ReportError, render_combined_report

    loaded = [_part(p) for p in paths]
    files, parts = [af for af, _ in loaded], [part for _, part in loaded]
    if len(files) > 1:
        ids = [p.questionnaire.id for p in parts]
        if len(set(ids)) != len(ids):
            raise _Failure(
                f"{paths[1]}: a combined report needs different questionnaires, got {', '.join(ids)} (use a folder for one report per file)"
            )
        first = files[0].enterprise
        for path, af in zip(paths[1:], files[1:], strict=True):
            e = af.enterprise
            if (e.credit_code, e.name) != (first.credit_code, first.name):
                raise _Failure(f"{path} › enterprise: not the enterprise of {paths[0]} (name and credit_code must match)")
    try:
        return render_combined_report(parts, files[0].enterprise.profile(), opts, progress)
    except ReportError as exc:
        raise _Failure(f"{paths[0]}: {exc}") from None


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise _Failure(f"{path}: cannot write ({exc.strerror or exc})") from None


def _options(lang: str, consultant: str, assessor: str, logo: Path | None, date: str | None, deterministic: bool) -> ReportOptions:
    from reports import ReportOptions

    if lang not in ("zh", "en"):
        _fail(f"--lang: expected zh or en, got {lang!r}")
    day = None
    if date is not None:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            _fail(f"--date: expected YYYY-MM-DD, got {date!r}")
    logo_bytes = None
    if logo is not None:
        try:
            logo_bytes = logo.read_bytes()
        except OSError as exc:
            _fail(f"{logo}: cannot read the --logo file ({exc.strerror or exc})")
        from reports.front import logo_flowable
        from reports.options import ReportError

        try:
            logo_flowable(logo_bytes)
        except ReportError as exc:
            _fail(f"{logo}: {exc}")
    return ReportOptions(
        lang="en" if lang == "en" else "zh",
        consultant=consultant,
        assessor=assessor,
        logo=logo_bytes,
        report_date=day,
        deterministic=deterministic,
    )


def _batch(folder: Path, outdir: Path, opts: ReportOptions, progress: Callable[[str], None]) -> None:
    from reports import FontError

    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not files:
        _fail(f"{folder}: no answers files (*.yaml, *.yml, *.json) here")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"{outdir}: cannot create the output folder ({exc.strerror or exc})")
    stems = [p.stem for p in files]
    failures: list[str] = []
    done = 0
    with typer.progressbar(files, label="报告 / reports", file=sys.stderr) as bar:
        for path in bar:
            name = path.stem if stems.count(path.stem) == 1 else path.name
            try:
                _write(outdir / f"{name}.pdf", _render([path], opts, progress))
                done += 1
            except _Failure as exc:
                failures.append(str(exc))
            except FontError as exc:
                _fail(str(exc))
            except Exception as exc:  # a bug must not stop the batch; it is listed like bad input
                failures.append(f"{path}: internal error ({type(exc).__name__}: {exc})")
    typer.echo(f"已生成 / written: {done} / {len(files)} → {outdir}")
    if failures:
        for line in failures:
            typer.echo(f"错误 / error: {line}", err=True)
        typer.echo(f"失败 / failed: {len(failures)}", err=True)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to ``app``."""

    @app.command("report")
    def report(
        paths: Annotated[
            list[Path], typer.Argument(help="答卷文件（两份则合并为一份报告）或答卷目录 / answers file(s), or a folder of them")
        ],
        output: Annotated[
            Path, typer.Option("-o", "--output", help="PDF 文件；目录输入时为输出目录 / PDF file, or output folder for a folder")
        ],
        lang: Annotated[str, typer.Option("--lang", help="报告语言 zh | en / report language")] = "zh",
        consultant: Annotated[str, typer.Option("--consultant", help="诊断机构 / consultant organisation")] = "",
        assessor: Annotated[str, typer.Option("--assessor", help="评估人 / assessor")] = "",
        logo: Annotated[Path | None, typer.Option("--logo", help="封面标志 PNG/JPEG / cover logo")] = None,
        date: Annotated[str | None, typer.Option("--date", help="评估日期 YYYY-MM-DD（默认今天）/ report date (default today)")] = None,
        deterministic: Annotated[
            bool, typer.Option("--deterministic", help="相同输入生成相同字节 / reproducible bytes", hidden=True)
        ] = False,
    ) -> None:
        """生成 PDF 差距诊断报告 / write the PDF gap report."""
        from reports import FontError

        def progress(message: str) -> None:
            typer.echo(message, err=True)

        opts = _options(lang, consultant, assessor, logo, date, deterministic)
        try:
            if len(paths) == 1 and paths[0].is_dir():
                _batch(paths[0], output, opts, progress)
                return
            for p in paths:
                if p.is_dir():
                    _fail(f"{p}: give either one folder or answers files, not both")
            target = output / f"{paths[0].stem}.pdf" if output.is_dir() else output
            _write(target, _render(paths, opts, progress))
        except _Failure as exc:
            _fail(str(exc))
        except FontError as exc:
            _fail(str(exc))
        except (typer.Exit, KeyboardInterrupt):
            raise
        except Exception as exc:  # never a traceback: name the input and the error
            _fail(f"{paths[0]}: internal error ({type(exc).__name__}: {exc})", 1)
        typer.echo(f"已写入 / written: {target}")
