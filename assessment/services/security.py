"""Passwords (argon2id) and login throttling.

* Passwords are hashed with argon2id (argon2-cffi's defaults: RFC 9106 low-memory profile);
  hashes are upgraded on the next successful login when the parameters change. There is no
  default password anywhere: every account gets one from a person.
* Throttling is persisted in ``login_throttle`` (it survives restarts and is shared by every
  app replica). The first :data:`FREE_ATTEMPTS` failures cost nothing; then each failure
  locks the key for ``LOCK_BASE_SECONDS · 2^(failures − FREE_ATTEMPTS)``, at most
  :data:`LOCK_MAX_SECONDS`. A success clears the username's counter; a quiet
  :data:`FORGET_AFTER` also does. Unknown usernames are throttled exactly like real ones,
  so the throttle does not reveal which accounts exist. An attempt is counted *before* the
  password is checked, so parallel guesses cannot slip past the limit.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..storage.tables import LoginThrottle
from .errors import InvalidInput, LoginThrottled

FREE_ATTEMPTS = 5
LOCK_BASE_SECONDS = 30
LOCK_MAX_SECONDS = 15 * 60
FORGET_AFTER = timedelta(hours=24)
CLIENT_FREE_ATTEMPTS = 50
"""Per client address (when the UI passes one): generous, it only stops spraying."""

MIN_PASSWORD = 10
MAX_PASSWORD = 256

_hasher = PasswordHasher()
_DUMMY: str | None = None


def set_hasher(hasher: PasswordHasher) -> None:
    """Replace the hasher (tests use cheap parameters; production keeps the default)."""
    global _hasher, _DUMMY
    _hasher = hasher
    _DUMMY = None


def password_problem(password: str, username: str = "") -> tuple[str, str] | None:
    """(zh, en) of what is wrong with a new password, or None."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        return (f"密码至少 {MIN_PASSWORD} 个字符", f"a password has at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        return (f"密码最多 {MAX_PASSWORD} 个字符", f"a password has at most {MAX_PASSWORD} characters")
    if username and password.casefold() == username.casefold():
        return ("密码不能与用户名相同", "the password must differ from the username")
    if len(set(password)) < 4:
        return ("密码过于简单", "the password is too simple")
    return None


def hash_password(password: str, username: str = "") -> str:
    problem = password_problem(password, username)
    if problem:
        raise InvalidInput("password", *problem)
    return _hasher.hash(unicodedata.normalize("NFC", password))


def rehash(password: str) -> str:
    """A fresh hash of an already accepted password (parameters upgraded; no policy check)."""
    return _hasher.hash(unicodedata.normalize("NFC", password))


def verify_password(stored_hash: str | None, password: str) -> tuple[bool, bool]:
    """(matches, needs_rehash). With no hash, spends the same time and says no."""
    global _DUMMY
    candidate = unicodedata.normalize("NFC", password) if isinstance(password, str) else ""
    if stored_hash is None:
        if _DUMMY is None:
            _DUMMY = _hasher.hash("not a real password, used to even out timing")
        stored_hash = _DUMMY
        candidate = candidate + "\x00"
    try:
        _hasher.verify(stored_hash, candidate)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False, False
    return True, _hasher.check_needs_rehash(stored_hash)


def _lock_seconds(failures: int, free: int) -> int:
    if failures < free:
        return 0
    return int(min(LOCK_MAX_SECONDS, LOCK_BASE_SECONDS * 2 ** (failures - free)))


def _row(s: Session, key: str, now: datetime) -> LoginThrottle:
    """The key's row, locked for this transaction; created when missing."""
    stmt = select(LoginThrottle).where(LoginThrottle.key == key).with_for_update()
    row = s.scalars(stmt).one_or_none()
    if row is not None:
        return row
    try:
        with s.begin_nested():
            s.add(LoginThrottle(key=key, failures=0, last_failure_at=now, locked_until=None))
    except IntegrityError:  # another replica created it a moment ago
        pass
    return s.scalars(stmt).one()


def count_attempt(s: Session, keys: dict[str, int], now: datetime) -> None:
    """Refuse if any key is locked; otherwise count this attempt as a failure in advance.

    ``keys`` maps throttle key → its number of free attempts. Call in a write transaction.
    """
    rows = []
    for key, _free in keys.items():
        row = _row(s, key, now)
        if row.last_failure_at + FORGET_AFTER < now:
            row.failures, row.locked_until = 0, None
        if row.locked_until is not None and row.locked_until > now:
            raise LoginThrottled(max(1, int((row.locked_until - now).total_seconds() + 0.999)))
        rows.append(row)
    for row in rows:
        row.failures += 1
        row.last_failure_at = now
        wait = _lock_seconds(row.failures, keys[row.key])
        row.locked_until = now + timedelta(seconds=wait) if wait else None


def clear(s: Session, key: str) -> None:
    row = s.get(LoginThrottle, key)
    if row is not None:
        s.delete(row)
