"""``sfa migrate-answers``: carry an answers file over to a newer questionnaire version.

The mapping between the versions is data (questionnaires/migrations/); the carrying-over is
the engine's pure :func:`~assessment.engine.migration.migrate_answers`, the same the web app
uses. The new answers file lists every change at its top, as comments, so whoever fills it
in next sees which questions to answer again.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from .engine.base import Lang
    from .engine.migration import Migration
    from .io.answers_file import AnswersFile


def register(app: typer.Typer) -> None:
    app.command("migrate-answers")(migrate_answers_cmd)


def _change_lines(mig: Migration, lang: Lang) -> list[str]:
    kinds = {
        "zh": {"renamed": "改题号", "split": "拆分", "new": "新增", "removed": "删除", "dropped": "答案移除"},
        "en": {"renamed": "renamed", "split": "split", "new": "new", "removed": "removed", "dropped": "answer dropped"},
    }[lang]
    out = []
    for c in mig.changes:
        ids = (c.old_id or "") + (" → " + ", ".join(c.new_ids) if c.new_ids and c.new_ids != (c.old_id,) else "")
        out.append(f"[{kinds[c.kind]}] {c.label.get(lang)} ({ids.strip(' →')}): {c.message.get(lang)}")
    return out


def answers_file_text(af: AnswersFile, mig: Migration, lang: Lang) -> str:
    """The migrated answers file: the changes as comments, then questionnaire, enterprise, answers."""
    import yaml

    head = (
        f"# 由 sfa migrate-answers 从 {mig.from_ref} 迁移到 {mig.to_ref}；以下 {len(mig.changes)} 项有变更："
        if lang == "zh"
        else f"# Migrated by sfa migrate-answers from {mig.from_ref} to {mig.to_ref}; {len(mig.changes)} changes:"
    )
    lines = [head, *(f"#   {line}" for line in _change_lines(mig, lang))]
    body = {"questionnaire": mig.to_ref, "enterprise": af.enterprise.model_dump(), "answers": mig.answers}
    return "\n".join(lines) + "\n" + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=1000)


def migrate_answers_cmd(
    file: Annotated[Path, typer.Argument(help="答卷文件 YAML/JSON / answers file")],
    to: Annotated[str, typer.Option("--to", help="目标问卷版本 / target version, e.g. smart_factory@2025.2")],
    from_version: Annotated[
        str | None, typer.Option("--from", help="答卷依据的版本（文件未注明时）/ version the answers were given for")
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="写入文件 / write to this file")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="输出 JSON（答案与变更）/ print answers and changes as JSON")] = False,
    lang: Annotated[str, typer.Option("--lang", help="输出语言 zh | en / output language")] = "zh",
) -> None:
    """迁移答卷到新版本问卷 / carry an answers file over to a newer questionnaire version."""
    from . import catalog
    from .cli import _lang, fail
    from .engine.loader import QuestionnaireError
    from .engine.migration import migrate_answers
    from .io.answers_file import AnswersFileError, read_answers

    lg = _lang(lang)
    try:
        af = read_answers(file)
    except AnswersFileError as exc:
        fail(str(exc))
    src = af.questionnaire
    if from_version is not None:
        src = f"{src.partition('@')[0]}@{from_version.rpartition('@')[2]}"
    if "@" not in src:
        fail(
            f"{file} › questionnaire: “{src}” 未注明版本，请写明答卷依据的版本（如 {src}@2025.1）或使用 --from"
            f" / does not say which version the answers were given for; pin it (e.g. {src}@2025.1) or pass --from"
        )
    if "@" not in to or to.partition("@")[0] != src.partition("@")[0]:
        fail(f"--to: expected {src.partition('@')[0]}@<version>, got {to!r}")
    if to == src:
        fail(f"{file}: 答卷已是 {to} / the answers are already for {to}")
    try:
        mapping = catalog.load_migration(src, to)
        old, new = catalog.load_questionnaire(src), catalog.load_questionnaire(to)
    except QuestionnaireError as exc:
        fail("; ".join(exc.problems[:3]) + (f" (+{len(exc.problems) - 3} more)" if len(exc.problems) > 3 else ""))
    mig = migrate_answers(mapping, old, new, af.answers)
    if json_out:
        typer.echo(mig.model_dump_json(indent=2))
        return
    text = answers_file_text(af, mig, lg)
    if output is None:
        sys.stdout.write(text)
        for line in _change_lines(mig, lg):
            typer.echo(line, err=True)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror})")
    for line in _change_lines(mig, lg):
        typer.echo(line)
    typer.echo(f"已写入 / written: {output} ({mig.to_ref}, {len(mig.changes)} changes)")
