"""``sfa bureau``: the bureau's view from the command line, and bulk demo data.

    sfa bureau export --as USER -q smart_factory@2025.1 [--region 510100] [--industry 34]
                      [--size medium] [--type discrete] [--status verified] [--period 2026Q3]
                      [--format xlsx|csv] [--table enterprises|candidates|undiagnosed|gaps]
                      [--max-missing 2] -o FILE
    sfa bureau import-register --as USER FILE.xlsx|FILE.csv
    sfa demo-data --n 100000 [--seed S] [--jobs N]

``--as`` signs in as that user (password on the terminal or ``--password-stdin``); the
figures are exactly those the user sees on the dashboard, in the user's jurisdiction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli_admin import DbOpt, PasswordStdin, _database, _fail, _read_password

bureau_app = typer.Typer(help="经信局：导出、企业名录 / bureau: exports and the enterprise register", no_args_is_help=True)


@bureau_app.command("export")
def export_cmd(
    as_user: Annotated[str, typer.Option("--as", help="经信局用户 / a bureau user")],
    questionnaire: Annotated[str, typer.Option("-q", "--questionnaire", help="问卷@版本 / questionnaire@version")],
    output: Annotated[Path, typer.Option("-o", "--output", help="写入文件 / write to this file")],
    region: Annotated[str | None, typer.Option("--region", help="地区代码 / region code (GB/T 2260)")] = None,
    industry: Annotated[str | None, typer.Option("--industry", help="行业大类 / GB/T 4754 division")] = None,
    size: Annotated[str | None, typer.Option("--size", help="large | medium | small | micro")] = None,
    production_type: Annotated[str | None, typer.Option("--type", help="discrete | process | mixed")] = None,
    status: Annotated[str | None, typer.Option("--status", help="submitted | resubmitted | returned | verified")] = None,
    period: Annotated[str | None, typer.Option("--period", help="截至该季度末 / as of the end of, e.g. 2026Q3")] = None,
    fmt: Annotated[str, typer.Option("--format", help="xlsx | csv")] = "xlsx",
    table: Annotated[str, typer.Option("--table", help="CSV 的表 / the table for CSV")] = "enterprises",
    max_missing: Annotated[int, typer.Option("--max-missing", help="候选：最多缺少条件数 / candidates: at most N missing")] = 2,
    password_stdin: PasswordStdin = False,
    database_url_: DbOpt = None,
) -> None:
    """导出筛选后的视图 / export the filtered view (Excel workbook or one table as CSV)."""
    from . import services as svc
    from .services.bureau import Filters
    from .services.bureau_export import export_view

    if "@" not in questionnaire:
        _fail(f"--questionnaire: 请写明版本，如 {questionnaire}@2025.1 / give the version, e.g. {questionnaire}@2025.1")
    password = _read_password(password_stdin, confirm=False)
    with _database(database_url_) as db:
        actor = svc.authenticate(db, as_user, password)
        filters = Filters(questionnaire, region, industry, size, production_type, status, period)
        _name, data = export_view(db, actor, filters, fmt, table, max_missing=max_missing)
    try:
        output.write_bytes(data)
    except OSError as exc:
        _fail(f"{output}: 无法写入 / cannot write ({exc.strerror})")
    typer.echo(f"已导出 / exported: {output} ({len(data) // 1024} KiB)", err=True)


@bureau_app.command("import-register")
def import_register_cmd(
    file: Annotated[Path, typer.Argument(help="企业名录 .xlsx / .csv / the register")],
    as_user: Annotated[str, typer.Option("--as", help="经信局或管理员用户 / a bureau or admin user")],
    password_stdin: PasswordStdin = False,
    database_url_: DbOpt = None,
) -> None:
    """导入规上企业名录（有错误则全部不导入）/ import the register (nothing is imported while errors remain)."""
    from . import services as svc
    from .io.register_file import RegisterFileError
    from .services.register import import_register

    try:
        data = file.read_bytes()
    except OSError as exc:
        _fail(f"{file}: 无法读取 / cannot read ({exc.strerror})")
    password = _read_password(password_stdin, confirm=False)
    with _database(database_url_) as db:
        actor = svc.authenticate(db, as_user, password)
        try:
            rep = import_register(db, actor, file.name, data)
        except RegisterFileError as exc:
            for p in exc.problems:
                typer.echo(f"错误 / error: {p}", err=True)
            _fail(f"{len(exc.problems)} 处错误，未导入 / {len(exc.problems)} problems, nothing imported", code=1)
    typer.echo(f"已导入 / imported: 新增 added {rep.added}, 更新 updated {rep.updated}, 移除 removed {rep.removed}")


def demo_data_cmd(
    n: Annotated[int, typer.Option("--n", help="提交数 / number of submissions", min=1, max=1_000_000)] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="随机种子 / random seed")] = 1,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", min=1, help="评估进程数（默认全部 CPU 核）/ processes running the engine (default: all cores)"),
    ] = None,
    database_url_: DbOpt = None,
) -> None:
    """生成四川演示数据（企业、名录、多轮提交；不建任何账号）/ bulk Sichuan demo data (no accounts)."""
    import os

    from .demo_bulk import load_bulk_demo

    with _database(database_url_) as db:
        with typer.progressbar(length=n, label="生成 / generating", file=None) as bar:
            report = load_bulk_demo(db, n=n, seed=seed, progress=bar.update, jobs=jobs or os.cpu_count() or 1)
    typer.echo(
        f"已生成 / generated: {report.organisations} 企业 enterprises, {report.submissions} 提交 submissions, "
        f"名录 register {report.registered}（未诊断 not diagnosed {report.undiagnosed}）, {report.seconds:.0f} s"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(bureau_app, name="bureau")
    app.command("demo-data")(demo_data_cmd)
