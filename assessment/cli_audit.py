"""``sfa audit verify``: is the audit log intact, and do listings say what the answers give?

``register(app)`` adds::

    sfa audit verify [--database-url URL]            every audit chain: first broken link each
    sfa audit verify --results [--database-url URL]  also re-derive the submitted results

Exit status 0 when everything holds, 1 on any broken link or mismatch, 2 on bad input
(one line, ``错误 / error: …``). The audit key is ``SFA_AUDIT_KEY`` or the data directory's
``audit-key`` file, as for the app.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .cli_admin import DbOpt, _database, _fail

audit_app = typer.Typer(help="审计 / audit log and results.", no_args_is_help=True)


@audit_app.command("verify")
def verify_cmd(
    results: Annotated[
        bool, typer.Option("--results", help="并按存储的答案重算已提交评估的得分与等级 / also re-derive submitted scores and tiers")
    ] = False,
    database_url_: DbOpt = None,
) -> None:
    """核查审计日志（及结果）/ verify the audit log (and the results)."""
    from . import services as svc
    from .services import audit
    from .storage.audit_chain import AuditKeyError

    operator = svc.Actor.system()
    failed = False
    with _database(database_url_) as db:
        try:
            report = audit.verify_audit_log(db, operator)
        except AuditKeyError as exc:
            _fail(str(exc))
        for b in report.breaks:
            typer.echo(str(b))
        if report.intact:
            typer.echo(f"审计日志完整 / audit log intact: {report.rows} 行 / rows, {report.chains} 条链 / chains")
        else:
            failed = True
            typer.echo(f"审计日志被篡改 / audit log broken: {len(report.breaks)} 条链 / chains ({report.rows} 行 / rows)")
        if results:
            checked = audit.verify_results(db, operator)
            for m in checked.mismatches:
                typer.echo(str(m))
            for note in checked.notes:
                typer.echo(note)
            if checked.mismatches:
                failed = True
                typer.echo(
                    f"结果不符 / results differ: {len(checked.mismatches)} 处 / mismatches in {checked.checked} 份已提交评估 / submitted"
                )
            else:
                typer.echo(f"结果一致 / results match: {checked.checked} 份已提交评估 / submitted assessments re-derived")
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``audit`` group to ``app``."""
    app.add_typer(audit_app, name="audit")
