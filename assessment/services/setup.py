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

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..storage import Database
from ..storage.config import data_dir
from ..storage.tables import InstallClaim, User
from . import security
from .accounts import USERNAME_RE, UserInfo, add_user, has_users, normalise_username
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


def check_token(token: str, directory: Path | None = None) -> None:
    """Refuse a wrong first-start token (compared in constant time)."""
    expected = first_start_token(directory).read_text(encoding="utf-8").strip()
    if not hmac.compare_digest(expected.encode(), str(token).strip().encode()):
        raise InvalidInput(
            "token",
            "首次启动口令不正确（见服务器数据目录中的 first-start-token 文件或启动日志）",
            "wrong first-start token (see the file first-start-token in the server's data directory, or the server log)",
        )


CLOSED = ("已有账号，首次启动页面已关闭", "accounts exist already; the first-start page is closed")


def claim_installation(s: Session, db: Database, who: str) -> None:
    """Claim the empty installation inside the caller's write transaction, exactly once.

    The claim is a row whose primary key is fixed, so of any number of concurrent first-start
    requests (several browser tabs, several app processes) one commits and every other one
    fails here — a database constraint, not a check-then-act. Refused also when accounts exist.
    """
    try:
        with s.begin_nested():
            s.add(InstallClaim(name="first_admin", claimed_at=db.clock(), claimed_by=who[:100]))
    except IntegrityError:
        raise InvalidState(*CLOSED) from None
    if s.execute(select(User.id).limit(1)).first() is not None:
        raise InvalidState(*CLOSED)


def create_first_admin(db: Database, *, username: str, password: str, token: str, directory: Path | None = None) -> UserInfo:
    """Create the first administrator; refused once any account exists or with a wrong token."""
    if has_users(db):
        raise InvalidState(*CLOSED)
    check_token(token, directory)
    name = normalise_username(username)
    if not USERNAME_RE.match(name):
        raise InvalidInput(
            "username", "3–64 个字符：小写字母、数字及 _ . @ -", "3–64 characters: lower-case letters, digits and _ . @ -"
        )
    pw_hash = security.hash_password(password, name)
    system = Actor.system("first-start")
    with db.write() as s:
        claim_installation(s, db, name)
        user = add_user(
            s, db, system, username=name, pw_hash=pw_hash, role="admin", organisation_id=None, jurisdiction=None, display_name=""
        )
    first_start_token(directory).unlink(missing_ok=True)
    return user
