"""Consultant commands of ``sfa``: the offline Excel workbook and importing filled-in rounds.

    sfa excel-template smart_factory[@2025.1] -o template.xlsx [--from answers.yaml]
    sfa import FILE|DIR ...                         check and summarise, save nothing
    sfa import DIR --as CONSULTANT [--pdf OUT]      save each as a new round of the client
                                                    matched by 统一社会信用代码, and its PDF
    sfa action-plan FILE -o plan.xlsx               the editable action plan of a round
    sfa application FILE -o draft.docx              the draft 申报书 (smart-factory tiers)

Every bad cell is reported as ``file › sheet › row › column: expected …`` (Chinese and
English); a file with any error is not saved, the others are. Files are read and PDFs are
rendered in a process pool over all cores (``--jobs``), with a progress bar on stderr; the
failed files are listed at the end (exit status 1).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

T = TypeVar("T")
R = TypeVar("R")


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"错误 / error: {message}", err=True)
    raise typer.Exit(code)


class _Inline(Executor):
    """Runs tasks in this process (one file, or ``--jobs 1``)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        f: Future[Any] = Future()
        f.set_result(fn(*args, **kwargs))
        return f


@contextmanager
def _pool(jobs: int, tasks: int, warm: tuple[str, ...]) -> Iterator[Executor]:
    if jobs <= 1 or tasks <= 1:
        yield _Inline()
        return
    import multiprocessing

    from .batch import warm_up

    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, tasks), mp_context=ctx, initializer=warm_up, initargs=(warm,)) as ex:
        yield ex


def _run(ex: Executor, fn: Callable[[T], R], items: list[T], label: str) -> list[R]:
    """Map ``fn`` over ``items`` with a progress bar; results in input order."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    futures = [ex.submit(fn, x) for x in items]
    index = {id(f): i for i, f in enumerate(futures)}
    out: list[Any] = [None] * len(items)
    from concurrent.futures import as_completed

    with Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=Console(stderr=True), transient=False
    ) as bar:
        task = bar.add_task(label, total=len(items))
        for f in as_completed(futures):
            out[index[id(f)]] = f.result()
            bar.advance(task)
    return out


def _lines(items: Iterable[str]) -> None:
    for line in items:
        typer.echo(line, err=True)


def register(app: typer.Typer) -> None:
    """Add ``excel-template``, ``import``, ``action-plan`` and ``application`` to ``app``."""
    _register_exports(app)

    @app.command("excel-template")
    def excel_template(
        name: Annotated[str, typer.Argument(help="问卷 / questionnaire, e.g. smart_factory or sme_digital@2024.1")],
        output: Annotated[Path, typer.Option("-o", "--output", help="写入 .xlsx 文件 / the .xlsx file to write")],
        from_file: Annotated[
            Path | None, typer.Option("--from", help="用答卷预先填写（如上一轮）/ pre-fill from an answers file (e.g. last round)")
        ] = None,
    ) -> None:
        """生成 Excel 离线填写模板 / write the offline Excel workbook."""
        from . import catalog
        from .engine.loader import QuestionnaireError
        from .io.excel_template import write_template

        enterprise: dict[str, str] = {}
        answers: dict[str, Any] = {}
        if from_file is not None:
            from .io.answers_file import AnswersFileError, read_answers

            try:
                af = read_answers(from_file)
            except AnswersFileError as exc:
                _fail(str(exc))
            enterprise, answers = af.enterprise.model_dump(), dict(af.answers)
            if "@" not in name and af.questionnaire.partition("@")[0] == name:
                name = af.questionnaire
        try:
            q = catalog.load_questionnaire(name)
        except QuestionnaireError as exc:
            _fail("; ".join(exc.problems[:3]))
        if from_file is not None:
            from .engine import AnswerError, check_answers

            try:
                answers = dict(check_answers(q, answers))
            except AnswerError as exc:
                _fail(f"{from_file} › answers › {exc.question_id}: {exc.message_zh} / {exc.message}")
        try:
            output.write_bytes(write_template(q, enterprise, answers))
        except OSError as exc:
            _fail(f"{output}: cannot write ({exc.strerror or exc})")
        typer.echo(f"已写入 / written: {output} ({q.ref})")

    @app.command("import")
    def import_cmd(
        paths: Annotated[list[Path], typer.Argument(help="Excel 工作簿或答卷文件，或其目录 / workbooks or answers files, or folders")],
        as_user: Annotated[
            str | None, typer.Option("--as", help="以该诊断服务商或企业用户保存 / save as this consultant or enterprise user")
        ] = None,
        pdf: Annotated[Path | None, typer.Option("--pdf", help="PDF 报告输出目录 / write PDF reports into this folder")] = None,
        lang: Annotated[str, typer.Option("--lang", help="报告语言 zh | en / report language")] = "zh",
        assessor: Annotated[str, typer.Option("--assessor", help="评估人 / assessor named on the reports")] = "",
        jobs: Annotated[int, typer.Option("--jobs", "-j", help="并行进程数（默认全部核心）/ worker processes (default: all cores)")] = 0,
        password_stdin: Annotated[bool, typer.Option("--password-stdin", help="从标准输入读取密码 / read the password from stdin")] = False,
        database_url_: Annotated[
            str | None, typer.Option("--database-url", envvar="SFA_DATABASE_URL", help="数据库 / database URL", show_default=False)
        ] = None,
    ) -> None:
        """导入离线填写的评估 / import rounds filled in offline (Excel or answers files)."""
        from . import batch

        if lang not in ("zh", "en"):
            _fail(f"--lang: expected zh or en, got {lang!r}")
        files, failed = batch.collect(paths)
        if not files:
            for f in failed:
                _lines(f"错误 / error: {f.path}: {x}" for x in f.problems)
            _fail("没有可导入的文件 / nothing to import")
        n_jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
        if pdf is not None:
            try:
                pdf.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                _fail(f"{pdf}: cannot create the output folder ({exc.strerror or exc})")
        warm = ("smart_factory", "sme_digital") if pdf is not None else ()
        with _pool(n_jobs, len(files), warm) as ex:
            results = _run(ex, batch.load, [str(f) for f in files], "读取 / reading")
            loaded = [r for r in results if isinstance(r, batch.Loaded)]
            failed += [r for r in results if isinstance(r, batch.Failed)]
            saved = _save(loaded, as_user, password_stdin, database_url_, failed) if as_user else [(x, None) for x in loaded]
            for x, _ in saved:
                typer.echo(_summary(batch, x, lang))
                for c in x.changes:
                    typer.echo(f"  迁移 / migrated: {c}")
            written = _pdfs(ex, batch, saved, pdf, lang, assessor, as_user, database_url_, failed) if pdf is not None else 0
        verb = "已导入 / imported" if as_user else "已检查 / checked"
        typer.echo(f"{verb}: {len(saved)} / {len(files)}" + (f" · PDF: {written} → {pdf}" if pdf is not None else ""))
        if failed:
            typer.echo(f"失败的文件 / files that failed: {len(failed)}", err=True)
            for f in failed:
                _lines(f"错误 / error: {x}" for x in f.problems)
            raise typer.Exit(1)


def _loaded_or_fail(path: Path) -> Any:
    from . import batch

    got = batch.load(str(path))
    if isinstance(got, batch.Failed):
        _lines(f"错误 / error: {x}" for x in got.problems)
        raise typer.Exit(2)
    return got


def _export(path: Path, output: Path, make: Callable[..., bytes]) -> None:
    from . import catalog
    from .engine import assess
    from .engine.models import Profile

    x = _loaded_or_fail(path)
    q = catalog.load_questionnaire(x.questionnaire)
    profile = Profile(**x.enterprise)
    try:
        data = make(q, assess(q, x.answers, profile), x.answers, profile, x.notes)
    except ValueError as exc:
        _fail(f"{path}: {exc}")
    try:
        output.write_bytes(data)
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror or exc})")
    typer.echo(f"已写入 / written: {output}")


def _register_exports(app: typer.Typer) -> None:
    @app.command("action-plan")
    def action_plan(
        path: Annotated[Path, typer.Argument(help="Excel 工作簿或答卷文件 / a workbook or answers file")],
        output: Annotated[Path, typer.Option("-o", "--output", help="写入 .xlsx / the .xlsx to write")],
    ) -> None:
        """行动计划 Excel（负责人、完成日期、状态）/ the editable action plan (owner, due date, status)."""
        from .io.action_plan import write_action_plan

        _export(path, output, write_action_plan)

    @app.command("application")
    def application(
        path: Annotated[Path, typer.Argument(help="Excel 工作簿或答卷文件 / a workbook or answers file")],
        output: Annotated[Path, typer.Option("-o", "--output", help="写入 .docx / the .docx to write")],
    ) -> None:
        """申报书草稿 DOCX / the draft application (smart-factory tiers)."""
        from .io.application_docx import write_application

        _export(path, output, write_application)


def _summary(batch: Any, x: Any, lang: str) -> str:
    line: str = batch.summary_line(x, lang)
    return line


def _save(loaded: list[Any], as_user: str, password_stdin: bool, url: str | None, failed: list[Any]) -> list[tuple[Any, Any]]:
    """Save each file as a new round (one transaction each); the comparison with the previous."""
    from . import services as svc
    from .batch import Failed
    from .cli_admin import _database, _read_password

    password = _read_password(password_stdin, confirm=False)
    out: list[tuple[Any, Any]] = []
    with _database(url) as db:
        actor = svc.authenticate(db, as_user, password)
        for x in loaded:
            try:
                got = svc.import_assessment(
                    db,
                    actor,
                    questionnaire=x.questionnaire,
                    credit_code=x.enterprise.get("credit_code", ""),
                    answers=x.answers,
                    notes=x.notes,
                    source=Path(x.path).name,
                )
                comparison = svc.compare_with_previous(db, actor, got.assessment_id)[1]
            except svc.ServiceError as exc:
                failed.append(Failed(x.path, (f"{x.path}: {exc}",)))
                continue
            org = got.organisation
            enterprise = {
                "name": org.name,
                "credit_code": org.credit_code,
                "region": org.region_code,
                "industry": org.industry_code,
                "size": org.size_class,
                "production_type": org.production_type,
            }
            out.append((type(x)(x.path, x.questionnaire, enterprise, x.answers, x.notes, x.changes), comparison))
        consultant = svc.consultant_organisation(db, actor)
    return [(x, (c, consultant)) for x, c in out]


def _pdfs(
    ex: Executor,
    batch: Any,
    saved: list[tuple[Any, Any]],
    outdir: Path,
    lang: str,
    assessor: str,
    as_user: str | None,
    url: str | None,
    failed: list[Any],
) -> int:
    from reports import ReportOptions

    names = batch.unique_names([x.path for x, _ in saved])
    jobs = []
    for x, extra in saved:
        comparison, consultant = extra if extra is not None else (None, "")
        opts = ReportOptions(lang="en" if lang == "en" else "zh", consultant=consultant, assessor=assessor)
        jobs.append(batch.PdfJob(x.path, str(outdir / names[x.path]), x.questionnaire, x.enterprise, x.answers, x.notes, opts, comparison))
    results = _run(ex, batch.render, jobs, "报告 / reports")
    failed += [r for r in results if isinstance(r, batch.Failed)]
    return sum(1 for r in results if isinstance(r, str))
