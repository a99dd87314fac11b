"""First start: creating the first administrator of an empty installation from the web.

An empty database must not let whoever reaches the server first become administrator. So
the first-start form needs a one-time token that only someone with access to the server's
data directory can read (the file ``first-start-token`` there, also printed in the server
log), like Jupyter's start-up token. ``sfa user add --role admin`` remains the other way.
Once any account exists the form is closed for good.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

from ..storage import Database
from ..storage.config import data_dir
from .accounts import UserInfo, create_user, has_users
from .actors import Actor
from .errors import InvalidInput, InvalidState

TOKEN_FILE = "first-start-token"  # noqa: S105 - a file name, not a secret


def first_start_token(directory: Path | None = None) -> Path:
    """The token file (created with a new random token, readable by the owner only)."""
    folder = directory or data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / TOKEN_FILE
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(secrets.token_urlsafe(16) + "\n")
    return path


def create_first_admin(db: Database, *, username: str, password: str, token: str, directory: Path | None = None) -> UserInfo:
    """Create the first administrator; refused once any account exists or with a wrong token."""
    if has_users(db):
        raise InvalidState("已有账号，不能再通过首次启动创建管理员", "accounts exist already; the first-start page is closed")
    expected = first_start_token(directory).read_text(encoding="utf-8").strip()
    if not hmac.compare_digest(expected.encode(), token.strip().encode()):
        raise InvalidInput("token", "首次启动口令不正确（见服务器数据目录中的 first-start-token 文件或启动日志）",
                           "wrong first-start token (see the file first-start-token in the server's data directory, or the server log)")
    user = create_user(db, Actor.system("first-start"), username=username, password=password, role="admin")
    first_start_token(directory).unlink(missing_ok=True)
    return user
