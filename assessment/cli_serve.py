"""``sfa serve``: start the web app with every setting that matters passed explicitly.

``streamlit run`` reads ``.streamlit/config.toml`` from the working directory only, so started
from anywhere else it binds every interface, shows full error details and accepts 200 MB
uploads. ``sfa serve`` does not depend on where it is run from: it finds the app next to the
installed package and hands Streamlit its settings on the command line, which overrides any
config file. What it sets, and why:

* ``server.address`` / ``server.port`` — loopback by default; in a deployment nginx is the
  only thing in front (``deploy/``). One process per port; run several for several cores.
* ``server.maxUploadSize`` — the evidence limit of :mod:`assessment.services.evidence`, so a
  larger upload is refused before it is read into memory.
* ``client.showErrorDetails = none`` — a failure never shows a traceback to a user (it goes
  to the server log).
* ``server.enableXsrfProtection`` and ``server.enableCORS`` on; the agent API off; usage
  statistics off; no file watcher, no run-on-save, no static folder.
* ``server.allowedHosts`` — the public host names (``--allowed-host`` / ``SFA_ALLOWED_HOSTS``),
  against DNS rebinding.
* ``server.cookieSecret`` — shared by every process of a deployment (``SFA_COOKIE_SECRET``,
  else a random one kept in ``<data dir>/cookie-secret``); passed in the environment, never
  on the command line where ``ps`` shows it.

The process is replaced by Streamlit (``exec``), so systemd and signals see one process.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

APP_FILE = "streamlit_app.py"
THEME_PRIMARY = "#1f4e79"


def _fail(message: str) -> NoReturn:
    typer.echo(f"错误 / error: {message}", err=True)
    raise typer.Exit(2)


def app_path() -> Path:
    """``streamlit_app.py``: beside the ``assessment`` package (repository or installed wheel)."""
    import assessment

    return Path(assessment.__file__).resolve().parent.parent / APP_FILE


def upload_limit_mb() -> int:
    """The evidence file limit in whole megabytes (Streamlit's unit), rounded up."""
    from .services.evidence import MAX_FILE_BYTES

    return max(1, -(-MAX_FILE_BYTES // (1024 * 1024)))


def streamlit_argv(address: str, port: int, allowed_hosts: list[str]) -> list[str]:
    """The full ``python -m streamlit run …`` command line."""
    flags: dict[str, str] = {
        "server.address": address,
        "server.port": str(port),
        "server.headless": "true",
        "server.maxUploadSize": str(upload_limit_mb()),
        "server.enableXsrfProtection": "true",
        "server.enableCORS": "true",
        "server.enableAgentApi": "false",
        "server.enableStaticServing": "false",
        "server.showEmailPrompt": "false",
        "server.fileWatcherType": "none",
        "server.runOnSave": "false",
        "client.showErrorDetails": "none",
        "client.toolbarMode": "viewer",
        "browser.gatherUsageStats": "false",
        "global.developmentMode": "false",
        "theme.primaryColor": THEME_PRIMARY,
    }
    argv = [sys.executable, "-m", "streamlit", "run", str(app_path())]
    for key, value in flags.items():
        argv += [f"--{key}", value]
    for host in allowed_hosts:
        argv += ["--server.allowedHosts", host]
    return argv


def cookie_secret(data_dir: Path) -> str:
    """``SFA_COOKIE_SECRET``, else the one kept in ``<data dir>/cookie-secret`` (made once, 0600)."""
    given = os.environ.get("SFA_COOKIE_SECRET", "").strip()
    if given:
        return given
    path = data_dir / "cookie-secret"
    try:
        return path.read_text(encoding="utf-8").strip() or _write_secret(path)
    except FileNotFoundError:
        return _write_secret(path)


def _write_secret(path: Path) -> str:
    value = secrets.token_hex(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, value.encode("ascii"))
    finally:
        os.close(fd)
    return value


def _check_address(address: str) -> str:
    if address == "localhost":
        return "127.0.0.1"
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        _fail(f"--address: 需要 IP 地址，如 127.0.0.1 / expected an IP address such as 127.0.0.1, got {address!r}")


def _check_database() -> str:
    """Open the database once (creating an empty SQLite one); a clear line if it cannot be used."""
    from sqlalchemy.exc import SQLAlchemyError

    from .storage import SchemaError, UnsupportedDatabase, database_url, describe, open_database

    shown = describe(database_url())
    try:
        open_database().dispose()
    except (SchemaError, UnsupportedDatabase) as exc:
        _fail(f"{shown}: {exc}")
    except SQLAlchemyError as exc:
        _fail(f"无法打开数据库 / cannot open the database {shown}: {getattr(exc, 'orig', exc)}")
    return shown


def serve_cmd(
    address: Annotated[str, typer.Option("--address", envvar="SFA_ADDRESS", help="监听地址 / address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", envvar="SFA_PORT", help="端口 / port")] = 8501,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option("--allowed-host", help="对外域名，可重复 / public host name (repeatable; env SFA_ALLOWED_HOSTS, comma-separated)"),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只显示启动命令 / print the command instead of starting")] = False,
) -> None:
    """启动网页版 / start the web app (settings passed explicitly, see `sfa serve --help`)."""
    addr = _check_address(address)
    if not 1 <= port <= 65535:
        _fail(f"--port: 端口应在 1–65535 之间 / a port is between 1 and 65535, got {port}")
    hosts = list(allowed_host or []) or [h.strip() for h in os.environ.get("SFA_ALLOWED_HOSTS", "").split(",") if h.strip()]
    argv = streamlit_argv(addr, port, hosts)
    if dry_run:
        typer.echo(" ".join(argv))
        return
    if not app_path().is_file():
        _fail(f"{app_path()}: 找不到网页应用 / the web app is missing (reinstall the package)")
    from .storage.config import data_dir

    shown = _check_database()
    try:
        secret = cookie_secret(data_dir())
    except OSError as exc:
        _fail(
            f"{data_dir()}: 无法保存 cookie 密钥，请设置 SFA_COOKIE_SECRET / "
            f"cannot keep the cookie secret ({exc.strerror}); set SFA_COOKIE_SECRET"
        )
    env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secret}
    typer.echo(f"网页版 / web app: http://{addr if ':' not in addr else f'[{addr}]'}:{port}  数据库 / database: {shown}", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, argv, env)  # noqa: S606 - our own interpreter, fixed arguments


def register(app: typer.Typer) -> None:
    """Add ``sfa serve`` to ``app``."""
    app.command("serve")(serve_cmd)
