"""The ``sfa`` command: questionnaires, answer templates, assessment and validation.

Bad input never produces a traceback: the command prints one line naming the place
(file › key: message) on stderr and exits with status 2.

Start-up is lazy, as in pip and httpie: the command groups of other modules
(:data:`LAZY_COMMANDS`: ``report``, ``db``, ``user``, ``import`` …) are imported only when
their command is run (or ``--help`` lists them), so ``sfa assess`` never loads SQLAlchemy,
the services or reportlab. A module adds its commands with ``register(app)``: name them in
:data:`LAZY_COMMANDS`, or call ``register(app)`` in :func:`_register_commands` to load it
at every start.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Annotated, Any, ClassVar, NoReturn

import typer
from typer.core import TyperGroup

from . import catalog
from .engine import AnswerError, assess
from .engine.base import Lang
from .engine.loader import QuestionnaireError
from .engine.models import Question, Questionnaire
from .io.answers_file import AnswersFileError, read_answers
from .summary import render_summary

LAZY_COMMANDS: dict[str, str] = {
    "report": "cli_report",
    "db": "cli_admin",
    "user": "cli_admin",
    "org": "cli_admin",
    "export": "cli_admin",
    "excel-template": "cli_excel",
    "import": "cli_excel",
    "action-plan": "cli_excel",
    "application": "cli_excel",
    "audit": "cli_audit",
    "migrate-answers": "cli_migrate",
    "serve": "cli_serve",
    "bureau": "cli_bureau",
    "demo-data": "cli_bureau",
    "demo": "cli_demo",
}
"""Command name → the module (in this package) whose ``register(app)`` defines it."""


class LazyGroup(TyperGroup):
    """The root group: commands of :data:`LAZY_COMMANDS` load when first asked for."""

    _loaded: ClassVar[dict[str, Any]] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        found = super().get_command(ctx, cmd_name)
        if found is not None or cmd_name not in LAZY_COMMANDS:
            return found
        if cmd_name not in self._loaded:
            module = importlib.import_module(f"{__package__}.{LAZY_COMMANDS[cmd_name]}")
            sub = typer.Typer(pretty_exceptions_enable=False, add_completion=False)
            sub.callback()(lambda: None)  # always a group, even for a module with one command
            module.register(sub)
            group: Any = typer.main.get_command(sub)  # a group: the callback above makes it one
            for name in LAZY_COMMANDS:
                if LAZY_COMMANDS[name] == LAZY_COMMANDS[cmd_name]:
                    self._loaded[name] = group.get_command(ctx, name)
        return self._loaded.get(cmd_name)


app = typer.Typer(
    cls=LazyGroup,
    name="sfa",
    help="智能工厂成熟度自评 / smart-factory maturity self-assessment.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

LangOpt = Annotated[str, typer.Option("--lang", help="输出语言 zh | en / output language")]


def fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"错误 / error: {message}", err=True)
    raise typer.Exit(code)


def _lang(value: str) -> Lang:
    if value not in ("zh", "en"):
        fail(f"--lang: expected zh or en, got {value!r}")
    return "en" if value == "en" else "zh"


def _load(ref: str) -> Questionnaire:
    try:
        return catalog.load_questionnaire(ref)
    except QuestionnaireError as exc:
        fail("; ".join(exc.problems[:3]) + (f" (+{len(exc.problems) - 3} more)" if len(exc.problems) > 3 else ""))


@app.command("questionnaires")
def list_questionnaires(lang: LangOpt = "zh") -> None:
    """列出内置问卷 / list the built-in questionnaires."""
    lg = _lang(lang)
    for qid, versions in catalog.available().items():
        q = _load(f"{qid}@{versions[-1]}")
        typer.echo(f"{qid}\t{', '.join(versions)}\t{q.title.get(lg)}")


def _plain_number(x: float) -> str:
    """A bound as people write it: 1000000000, not 1e+09."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _allowed(q: Question, lang: Lang) -> str:
    if q.kind in ("single", "multi"):
        return " | ".join(f"{o.value} = {o.label.get(lang)}" for o in q.options)
    if q.kind == "yesno":
        return "true = 是 | false = 否" if lang == "zh" else "true = yes | false = no"
    if q.kind == "number" and q.number is not None:
        unit = f" {q.number.unit.get(lang)}" if q.number.unit else ""
        lo = "" if q.number.min is None else _plain_number(q.number.min)
        hi = "" if q.number.max is None else _plain_number(q.number.max)
        return f"number {lo}..{hi}{unit}"
    return "text" if q.kind == "text" else "number"


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def template_text(q: Questionnaire, lang: Lang = "zh") -> str:
    """A blank answers file: every question id, its allowed values as comments."""
    out = [
        f"# {q.title.get(lang)}",
        "# 填写说明：每题后的注释列出允许的取值；未填写（null）按最低水平计。"
        if lang == "zh"
        else "# Fill in the values listed in each comment; unanswered (null) counts as least mature.",
        f"questionnaire: {q.ref}",
        "enterprise:",
        '  name: ""            # 企业名称 / enterprise name',
        '  credit_code: ""     # 统一社会信用代码 (18 characters)',
        "  region: \"\"          # 行政区划代码 GB/T 2260, e.g. '510100'",
        "  industry: \"\"        # 国民经济行业代码 GB/T 4754 division, e.g. '34'",
        '  size: ""            # large | medium | small | micro',
        '  production_type: "" # discrete | process | mixed',
        "answers:",
    ]
    for s in q.sections:
        out.append(f"  # ── {s.label.get(lang)} ──")
        for qu in s.questions:
            out.append(f"  # {qu.label.get(lang)}")
            allowed = _allowed(qu, lang)
            if qu.kind == "multi":
                allowed = ("多选，列出所选取值" if lang == "zh" else "several allowed, list them") + ": " + allowed
            out.append(f"  # {allowed}")
            out.append(f"  {qu.id}: {'[]' if qu.kind == 'multi' else 'null'}")
    return "\n".join(out) + "\n"


@app.command("template")
def template(
    name: Annotated[str, typer.Argument(help="问卷 / questionnaire, e.g. smart_factory or sme_digital@2024.1")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="写入文件 / write to this file")] = None,
    lang: LangOpt = "zh",
) -> None:
    """生成空白答卷 / write a blank answers file."""
    lg = _lang(lang)
    text = template_text(_load(name), lg)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror})")
    typer.echo(f"已写入 / written: {output}")


@app.command("assess")
def assess_cmd(
    file: Annotated[Path, typer.Argument(help="答卷文件 YAML/JSON / answers file")],
    json_out: Annotated[bool, typer.Option("--json", help="输出 JSON / print the result as JSON")] = False,
    lang: LangOpt = "zh",
) -> None:
    """评估答卷 / assess an answers file."""
    lg = _lang(lang)
    try:
        af = read_answers(file)
    except AnswersFileError as exc:
        fail(str(exc))
    q = _load(af.questionnaire)
    try:
        result = assess(q, af.answers, af.enterprise.profile())
    except AnswerError as exc:
        fail(f"{file} › answers › {exc.question_id}: {exc.message_zh} / {exc.message}")
    if json_out:
        typer.echo(result.model_dump_json(indent=2))
    else:
        sys.stdout.write(render_summary(result, af.enterprise.name, lg))


def _version_dirs(path: Path) -> list[Path]:
    if (path / catalog.MAIN).is_file():
        return [path]
    found = sorted(p.parent for p in path.glob(f"*/{catalog.MAIN}"))
    found += sorted(p.parent for p in path.glob(f"*/*/{catalog.MAIN}"))
    return found


@app.command("validate")
def validate(
    path: Annotated[Path, typer.Argument(help="问卷目录 / a questionnaire version, questionnaire or questionnaires directory")],
) -> None:
    """检查问卷文件 / check questionnaire files and print located errors."""
    if not path.exists():
        fail(f"{path}: no such file or directory")
    dirs = _version_dirs(path if path.is_dir() else path.parent)
    if not dirs:
        fail(f"{path}: no {catalog.MAIN} found here or below")
    bad = 0
    for d in dirs:
        try:
            q = catalog.load_dir(d)
        except QuestionnaireError as exc:
            bad += 1
            for p in exc.problems:
                typer.echo(p, err=True)
            continue
        recs = len(q.recommendations.recommendations) if q.recommendations else 0
        typer.echo(f"✓ {q.ref}: {len(q.questions)} questions, {len(q.grading.rungs)} rungs, {recs} recommendations")
    if bad:
        raise typer.Exit(1)


def _register_commands() -> None:
    """Command modules loaded at every start (prefer :data:`LAZY_COMMANDS`)."""


_register_commands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
