"""``sfa db / user / org / export`` through Typer's runner, on both databases."""

from __future__ import annotations

import json

import pytest
import typer
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from assessment import services as svc
from assessment.cli_admin import register
from assessment.storage import migrate, open_database

from .world import PASSWORD, credit_code, first_answer

app = typer.Typer(pretty_exceptions_enable=False)
register(app)
runner = CliRunner()
CODE = credit_code(42, "510104")


def run(url: str, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    r = runner.invoke(app, [*args, "--database-url", url], input=stdin)
    return r.exit_code, r.stdout, r.stderr


def one_line_error(code: int, err: str) -> str:
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误 / error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_cli__db_upgrade__creates_then_reports_up_to_date(empty_url: str) -> None:
    head = migrate.head()
    code, out, _ = run(empty_url, "db", "upgrade")
    assert code == 0 and f"→ {head}" in out
    password = make_url(empty_url).password
    assert not password or str(password) not in out
    code, out, _ = run(empty_url, "db", "upgrade")
    assert code == 0 and "up to date" in out
    code, out, _ = run(empty_url, "db", "current")
    assert code == 0 and f"revision {head}" in out


def test_cli__user_add__first_admin_from_stdin_and_listed(db_url: str) -> None:
    code, out, err = run(db_url, "user", "add", "admin1", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0, err
    assert "admin1 (admin)" in out
    code, out, _ = run(db_url, "user", "list")
    assert code == 0 and out.startswith("admin1\tadmin\tactive")
    db = open_database(db_url)
    try:
        assert svc.authenticate(db, "admin1", PASSWORD).role == "admin"
    finally:
        db.dispose()


@pytest.mark.parametrize(("stdin", "words"), [(None, "--password-stdin"), ("", "nothing on stdin"), ("short\n", "at least")])
def test_cli__user_add__no_or_weak_password__one_line_error(db_url: str, stdin: str | None, words: str) -> None:
    args = ["user", "add", "admin1", "--role", "admin"] + (["--password-stdin"] if stdin is not None else [])
    code, _, err = run(db_url, *args, stdin=stdin)
    assert words in one_line_error(code, err)


def test_cli__org_add__valid_duplicate_and_invalid(db_url: str) -> None:
    org = [
        "org",
        "add",
        "--name",
        "成都示例制造有限公司",
        "--credit-code",
        CODE,
        "--region",
        "510104",
        "--industry",
        "34",
        "--size",
        "medium",
        "--production-type",
        "discrete",
    ]
    code, out, err = run(db_url, *org)
    assert code == 0, err
    assert "四川省 成都市 锦江区" in out
    code, _, err = run(db_url, *org)
    assert "already registered" in one_line_error(code, err)
    bad = [a if a != CODE else CODE[:-1] + ("1" if CODE[-1] != "1" else "2") for a in org]
    code, _, err = run(db_url, *bad)
    assert "check character" in one_line_error(code, err)
    code, out, _ = run(db_url, "org", "list")
    assert code == 0 and out.count("\n") == 1 and CODE in out


def test_cli__users_of_each_role__link_and_disable(db_url: str) -> None:
    run(
        db_url,
        "org",
        "add",
        "--name",
        "成都示例制造有限公司",
        "--credit-code",
        CODE,
        "--region",
        "510104",
        "--industry",
        "34",
        "--size",
        "medium",
        "--production-type",
        "discrete",
    )
    for args in (
        ["ent1", "--role", "enterprise", "--org", CODE],
        ["bur1", "--role", "bureau", "--jurisdiction", "510100"],
        ["cons1", "--role", "consultant"],
    ):
        code, _, err = run(db_url, "user", "add", *args, "--password-stdin", stdin=PASSWORD + "\n")
        assert code == 0, err
    code, _, err = run(
        db_url, "user", "add", "ent2", "--role", "enterprise", "--org", credit_code(5), "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert "no organisation" in one_line_error(code, err)
    code, out, err = run(db_url, "org", "link", "cons1", CODE)
    assert code == 0, err
    code, out, _ = run(db_url, "user", "disable", "ent1")
    assert code == 0 and "ent1" in out
    code, out, _ = run(db_url, "user", "list")
    assert "ent1\tenterprise\tdisabled" in out and "bur1\tbureau\tactive\t510100" in out
    code, _, err = run(db_url, "user", "disable", "nobody")
    one_line_error(code, err)


def test_cli__export__jsonl_of_submissions_as_a_bureau(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(db_url)
    try:
        op = svc.Actor.system("t")
        org = svc.create_organisation(
            db,
            op,
            name="成都示例制造有限公司",
            credit_code=CODE,
            region_code="510104",
            industry_code="34",
            size_class="medium",
            production_type="discrete",
        )
        svc.create_user(db, op, username="ent1", password=PASSWORD, role="enterprise", organisation_id=org.id)
        svc.create_user(db, op, username="bur1", password=PASSWORD, role="bureau", jurisdiction="510100")
        ent = svc.authenticate(db, "ent1", PASSWORD)
        qid, value = first_answer()
        for submit in (True, False):
            aid = svc.start_assessment(db, ent, org.id, "sme_digital").summary.id
            svc.save_answer(db, ent, aid, qid, value)
            if submit:
                svc.submit(db, ent, aid)
    finally:
        db.dispose()
    out_file = tmp_path / "export.jsonl"
    code, _, err = run(db_url, "export", "--as", "bur1", "--password-stdin", "-o", str(out_file), "--with-result", stdin=PASSWORD + "\n")
    assert code == 0, err
    records = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 1 and "exported: 1" in err
    rec = records[0]
    assert (
        rec["answers"] == {qid: value}
        and rec["organisation"]["credit_code"] == CODE
        and rec["result"]["questionnaire"].startswith("sme_digital@")
    )
    code, out, _ = run(db_url, "export", "--as", "bur1", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0 and len(out.splitlines()) == 1
    code, _, err = run(db_url, "export", "--as", "bur1", "--password-stdin", stdin="wrong password\n")
    assert "wrong username or password" in one_line_error(code, err)
    code, _, err = run(db_url, "export", "--as", "ent1", "--password-stdin", stdin=PASSWORD + "\n")
    assert "bureau or admin" in one_line_error(code, err)


def test_cli__unsupported_database__one_line_error() -> None:
    code, _, err = run("mysql://u:secret@localhost/x", "user", "list")
    line = one_line_error(code, err)
    assert "unsupported database" in line and "secret" not in line
