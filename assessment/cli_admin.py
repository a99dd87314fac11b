"""Administration commands of ``sfa``: database, accounts, organisations, export.

``register(app)`` adds::

    sfa db upgrade | current                 create or upgrade the schema (Alembic)
    sfa user add NAME --role R [...]         the first admin: sfa user add admin1 --role admin
    sfa user list | disable NAME | enable NAME | passwd NAME
    sfa org add --name … --credit-code … --region … --industry … --size … --production-type …
    sfa org list | link CONSULTANT CREDIT_CODE
    sfa export --as USER [-o FILE]           JSON Lines of submitted assessments

The database is ``--database-url`` or ``SFA_DATABASE_URL``, else ``./data/sfa.sqlite3``
(``SFA_DATA_DIR``); it is created on first use. Account and organisation commands run as
the console operator (whoever can run them holds the database anyway; the audit log records
``cli:<os user>``). ``export`` acts as a bureau or admin user and asks for their password.
Passwords come from a hidden prompt with confirmation or from ``--password-stdin``; there is
no default password. Errors are one line, ``错误 / error: …``, exit status 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from sqlalchemy.exc import SQLAlchemyError

from . import services as svc
from .storage import Database, SchemaError, UnsupportedDatabase, database_url, describe, make_engine, migrate, open_database

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--database-url", envvar="SFA_DATABASE_URL", help="数据库 / database URL (default ./data/sfa.sqlite3)", show_default=False
    ),
]
PasswordStdin = Annotated[bool, typer.Option("--password-stdin", help="从标准输入读取密码 / read the password from stdin")]


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"错误 / error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def _database(url: str | None) -> Iterator[Database]:
    shown = describe(database_url(url))
    try:
        db = open_database(url)
    except (SchemaError, UnsupportedDatabase) as exc:
        _fail(str(exc))
    except SQLAlchemyError as exc:
        _fail(f"无法打开数据库 / cannot open the database {shown}: {getattr(exc, 'orig', exc)}")
    try:
        yield db
    except svc.ServiceError as exc:
        _fail(str(exc))
    except SQLAlchemyError as exc:
        _fail(f"数据库错误 / database error: {getattr(exc, 'orig', exc)}")
    finally:
        db.dispose()


def _read_password(stdin: bool, confirm: bool = True) -> str:
    if stdin:
        line = sys.stdin.readline()
        if not line:
            _fail("--password-stdin: 标准输入为空 / nothing on stdin")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        _fail("没有终端可输入密码，请使用 --password-stdin / no terminal for a password prompt; use --password-stdin")
    value: str = typer.prompt("密码 / password", hide_input=True, confirmation_prompt=confirm)
    return value


def _org_id(db: Database, actor: svc.Actor, credit_code: str) -> int:
    code = credit_code.strip().upper()
    for org in svc.list_organisations(db, actor):
        if org.credit_code == code:
            return org.id
    _fail(f"没有统一社会信用代码为 {code} 的企业 / no organisation with 统一社会信用代码 {code}")


db_app = typer.Typer(help="数据库 / database schema.", no_args_is_help=True)
user_app = typer.Typer(help="账户 / accounts.", no_args_is_help=True)
org_app = typer.Typer(help="企业 / organisations.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(database_url_: DbOpt = None) -> None:
    """创建或升级数据库结构 / create or upgrade the schema."""
    url = database_url(database_url_)
    try:
        engine = make_engine(url)
        try:
            before = migrate.current(engine)
            migrate.upgrade(engine)
            after = migrate.current(engine)
        finally:
            engine.dispose()
    except UnsupportedDatabase as exc:
        _fail(str(exc))
    except SQLAlchemyError as exc:
        _fail(f"无法升级数据库 / cannot upgrade {describe(url)}: {getattr(exc, 'orig', exc)}")
    state = "已是最新 / up to date" if before == after else f"{before or '空 / empty'} → {after}"
    typer.echo(f"{describe(url)}: {state} (revision {after})")


@db_app.command("current")
def db_current(database_url_: DbOpt = None) -> None:
    """显示数据库版本 / show the schema revision."""
    url = database_url(database_url_)
    try:
        engine = make_engine(url)
        try:
            have = migrate.current(engine)
        finally:
            engine.dispose()
    except (UnsupportedDatabase, SQLAlchemyError) as exc:
        _fail(f"{describe(url)}: {getattr(exc, 'orig', exc)}")
    typer.echo(f"{describe(url)}: revision {have or '空 / empty'} (program needs {migrate.head()})")


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="用户名 / username")],
    role: Annotated[str, typer.Option("--role", help="enterprise | consultant | bureau | admin")],
    org: Annotated[str | None, typer.Option("--org", help="企业用户所属企业的统一社会信用代码 / the enterprise user's credit code")] = None,
    jurisdiction: Annotated[str | None, typer.Option("--jurisdiction", help="经信局辖区代码 / bureau jurisdiction, e.g. 510100")] = None,
    name: Annotated[str, typer.Option("--name", help="显示名称 / display name")] = "",
    password_stdin: PasswordStdin = False,
    database_url_: DbOpt = None,
) -> None:
    """新建账户（首个管理员：--role admin）/ create an account (the first admin: --role admin)."""
    password = _read_password(password_stdin)
    operator = svc.Actor.system()
    with _database(database_url_) as db:
        org_id = _org_id(db, operator, org) if org else None
        info = svc.create_user(
            db,
            operator,
            username=username,
            password=password,
            role=role,
            organisation_id=org_id,
            jurisdiction=jurisdiction,
            display_name=name,
        )
    typer.echo(f"已创建 / created: {info.username} ({info.role})")


@user_app.command("list")
def user_list(database_url_: DbOpt = None) -> None:
    """列出账户 / list accounts."""
    with _database(database_url_) as db:
        for u in svc.list_users(db, svc.Actor.system()):
            scope = u.jurisdiction or (f"org {u.organisation_id}" if u.organisation_id else "")
            typer.echo(f"{u.username}\t{u.role}\t{'active' if u.active else 'disabled'}\t{scope}\t{u.display_name}")


@user_app.command("disable")
def user_disable(username: Annotated[str, typer.Argument()], database_url_: DbOpt = None) -> None:
    """停用账户 / disable an account."""
    with _database(database_url_) as db:
        info = svc.disable_user(db, svc.Actor.system(), username)
    typer.echo(f"已停用 / disabled: {info.username}")


@user_app.command("enable")
def user_enable(username: Annotated[str, typer.Argument()], database_url_: DbOpt = None) -> None:
    """启用账户 / enable an account."""
    with _database(database_url_) as db:
        info = svc.enable_user(db, svc.Actor.system(), username)
    typer.echo(f"已启用 / enabled: {info.username}")


@user_app.command("passwd")
def user_passwd(username: Annotated[str, typer.Argument()], password_stdin: PasswordStdin = False, database_url_: DbOpt = None) -> None:
    """重置密码 / set a new password."""
    password = _read_password(password_stdin)
    with _database(database_url_) as db:
        svc.set_password(db, svc.Actor.system(), username, password)
    typer.echo(f"已重置密码 / password set: {username}")


@org_app.command("add")
def org_add(
    name: Annotated[str, typer.Option("--name", help="企业名称 / name")],
    credit_code: Annotated[str, typer.Option("--credit-code", help="统一社会信用代码 (18)")],
    region: Annotated[str, typer.Option("--region", help="行政区划代码 GB/T 2260, e.g. 510104")],
    industry: Annotated[str, typer.Option("--industry", help="行业大类 GB/T 4754, 13–43")],
    size: Annotated[str, typer.Option("--size", help="large | medium | small | micro")],
    production_type: Annotated[str, typer.Option("--production-type", help="discrete | process | mixed")],
    database_url_: DbOpt = None,
) -> None:
    """登记企业 / register an organisation."""
    with _database(database_url_) as db:
        info = svc.create_organisation(
            db,
            svc.Actor.system(),
            name=name,
            credit_code=credit_code,
            region_code=region,
            industry_code=industry,
            size_class=size,
            production_type=production_type,
        )
    typer.echo(f"已登记 / registered: {info.credit_code} {info.name} ({info.region_name or info.region_code})")


@org_app.command("list")
def org_list(database_url_: DbOpt = None) -> None:
    """列出企业 / list organisations."""
    with _database(database_url_) as db:
        for o in svc.list_organisations(db, svc.Actor.system()):
            typer.echo(f"{o.credit_code}\t{o.name}\t{o.region_code}\t{o.industry_code}\t{o.size_class}\t{o.production_type}")


@org_app.command("link")
def org_link(
    consultant: Annotated[str, typer.Argument(help="服务商用户名 / consultant username")],
    credit_code: Annotated[str, typer.Argument(help="企业统一社会信用代码 / the organisation's credit code")],
    database_url_: DbOpt = None,
) -> None:
    """签约：服务商可处理该企业的评估 / link a consultant to a client."""
    operator = svc.Actor.system()
    with _database(database_url_) as db:
        svc.link_consultant(db, operator, consultant, _org_id(db, operator, credit_code))
    typer.echo(f"已签约 / linked: {consultant} → {credit_code}")


def export_cmd(
    as_user: Annotated[str, typer.Option("--as", help="经信局或管理员用户 / a bureau or admin user")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="写入文件 / write to this file")] = None,
    questionnaire: Annotated[str | None, typer.Option("--questionnaire", help="只导出该问卷 / only this questionnaire")] = None,
    with_result: Annotated[bool, typer.Option("--with-result", help="包含完整评估结果 / include the full Result")] = False,
    password_stdin: PasswordStdin = False,
    database_url_: DbOpt = None,
) -> None:
    """导出已提交的评估（JSON Lines）/ export submitted assessments as JSON Lines."""
    password = _read_password(password_stdin, confirm=False)
    with _database(database_url_) as db:
        actor = svc.authenticate(db, as_user, password)
        if actor.role not in ("bureau", "admin"):
            _fail("只有经信局或管理员用户可以导出 / only bureau or admin users may export")
        records = svc.iter_submissions(db, actor, questionnaire=questionnaire, include_result=with_result)
        count = 0
        try:
            out = output.open("w", encoding="utf-8") if output else sys.stdout
        except OSError as exc:
            _fail(f"{output}: 无法写入 / cannot write ({exc.strerror})")
        try:
            for rec in records:
                out.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
                count += 1
        finally:
            if output:
                out.close()
    typer.echo(f"已导出 / exported: {count}", err=True)


def register(app: typer.Typer) -> None:
    """Add the db, user and org groups and the export command to ``app``."""
    app.add_typer(db_app, name="db")
    app.add_typer(user_app, name="user")
    app.add_typer(org_app, name="org")
    app.command("export")(export_cmd)
