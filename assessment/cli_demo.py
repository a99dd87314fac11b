"""``sfa demo``: start the web app on demo data, in a data directory of its own.

The demo never touches ``./data`` (or ``SFA_DATABASE_URL``): it builds a fresh SQLite
database in ``./demo-data`` (or ``--dir``), loads the example enterprises, their assessments
and three demo accounts (enterprise, consultant, bureau — no administrator) with one random
password printed once, then runs ``streamlit run streamlit_app.py`` on that directory. Each
run starts afresh; a directory is only ever emptied if an earlier ``sfa demo`` made it (it
holds the marker file ``.sfa-demo``), so pointing ``--dir`` at real data is refused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import typer

MARKER = ".sfa-demo"
DEFAULT_DIR = Path("demo-data")


def prepare(directory: Path) -> tuple[list[str], str]:
    """Empty (or create) the demo directory, build its database and load the demo data."""
    from .demo import load_demo
    from .services.setup import first_start_token
    from .storage import Database
    from .storage.database import make_engine
    from .storage.migrate import ensure_schema

    directory = directory.expanduser().resolve()
    if directory.exists() and any(directory.iterdir()):
        if not (directory / MARKER).exists():
            raise typer.BadParameter(
                f"{directory} 不是演示数据目录（没有 {MARKER} 标记），不会清空它；请换一个目录 / "
                f"{directory} is not a demo directory (no {MARKER} marker) and will not be emptied; choose another one",
                param_hint="--dir",
            )
        shutil.rmtree(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / MARKER).write_text("sfa demo data: emptied by every `sfa demo` run\n", encoding="utf-8")
    engine = make_engine(f"sqlite:///{directory / 'sfa.sqlite3'}")
    try:
        ensure_schema(engine)
        token = first_start_token(directory).read_text(encoding="utf-8").strip()
        return load_demo(Database(engine), token=token, directory=directory)
    finally:
        engine.dispose()


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        directory: Path = typer.Option(DEFAULT_DIR, "--dir", help="演示数据目录 / the demo's own data directory"),
        port: int = typer.Option(8501, "--port", help="网页端口 / web port"),
        start: bool = typer.Option(True, "--start/--no-start", help="载入后启动网页版 / start the web app after loading"),
    ) -> None:
        """载入演示数据并启动网页版（独立的数据目录）/ start the web app on demo data in its own data directory."""
        accounts, password = prepare(directory)
        where = directory.expanduser().resolve()
        typer.echo(f"演示数据已载入 / demo data loaded: {where}")
        typer.echo(f"演示账号 / demo accounts: {', '.join(accounts)}")
        typer.echo(f"密码（只显示这一次）/ password (shown once): {password}")
        if not start:
            return
        root = Path(__file__).resolve().parents[1]
        env = {k: v for k, v in os.environ.items() if k != "SFA_DATABASE_URL"}
        env.update({"SFA_DATA_DIR": str(where), "SFA_DEMO": "1"})
        typer.echo(f"网页版 / web app: http://127.0.0.1:{port}")
        cmd = [sys.executable, "-m", "streamlit", "run", str(root / "streamlit_app.py"), "--server.port", str(port)]
        raise typer.Exit(subprocess.call(cmd, cwd=root, env=env))  # noqa: S603 - our own interpreter and script
