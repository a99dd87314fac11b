"""Passwords (argon2id) and sign-in throttling (OWASP ASVS V2.2).

* Passwords are hashed with argon2id (argon2-cffi's defaults: RFC 9106 low-memory profile);
  hashes are upgraded on the next successful login when the parameters change. There is no
  default password anywhere: every account gets one from a person.
* Throttling is persisted in ``login_throttle`` (it survives restarts and is shared by every
  app process). Only failures count: an attempt is counted *before* the password is
  checked, so parallel guesses cannot slip past the limit, and a success takes its count
  back. Three keys, so that protecting an account never locks out the public:

  ``pair:<account>|<client>``
      one client guessing one account: after :data:`FREE_ATTEMPTS` failures each further
      failure locks that pair for ``LOCK_BASE_SECONDS · 2^(n − FREE_ATTEMPTS)``, at most
      :data:`LOCK_MAX_SECONDS`. Only this client is locked out of this account; the owner
      signing in from elsewhere is not. A success clears it.
  ``client:<client>``
      one client spraying many accounts: the same back-off after
      :data:`CLIENT_FREE_ATTEMPTS` failures; forgotten after :data:`CLIENT_FORGET_AFTER`.
  ``account:<account>``
      many clients guessing one account: never locks, but after
      :data:`ACCOUNT_FREE_ATTEMPTS` failures every attempt on the account waits a little
      (:func:`account_delay`, at most :data:`ACCOUNT_DELAY_MAX` seconds) — slow for an
      attacker, a pause for the owner. A success clears it.

  The client is the caller's address (``st.context.ip_address`` in the web app, the
  session id when there is none, ``local`` on the console). Rows quiet for
  :data:`FORGET_AFTER` are purged. Unknown usernames are throttled exactly like real ones,
  so the throttle does not reveal which accounts exist.
"""

from __future__ import annotations

import os
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..storage.tables import LoginThrottle
from .errors import InvalidInput, LoginThrottled

FREE_ATTEMPTS = 5
LOCK_BASE_SECONDS = 30
LOCK_MAX_SECONDS = 15 * 60
FORGET_AFTER = timedelta(hours=24)
CLIENT_FREE_ATTEMPTS = 30
"""Per client address, across accounts: generous, it only stops spraying."""
CLIENT_FORGET_AFTER = timedelta(hours=1)
ACCOUNT_FREE_ATTEMPTS = 20
"""Per account, across clients: beyond this, attempts are slowed (never refused)."""
ACCOUNT_DELAY_STEP = 0.25
ACCOUNT_DELAY_MAX = 3.0
PURGE_EVERY = timedelta(minutes=10)

MIN_PASSWORD = 10
MAX_PASSWORD = 256

_hasher = PasswordHasher()


def _hash_slots() -> int:
    raw = os.environ.get("SFA_HASH_CONCURRENCY", "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else (os.cpu_count() or 1)


_HASH_SLOTS = threading.BoundedSemaphore(_hash_slots())
"""At most this many argon2 computations at a time per process (``SFA_HASH_CONCURRENCY``,
default the number of cores). Each takes 64 MiB and a core; without a bound, a burst of
sign-ins (a province's morning) makes every one of them, and every autosave beside them,
wait for all the others — and 100 at once need 6 GiB."""
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
    with _HASH_SLOTS:
        return _hasher.hash(unicodedata.normalize("NFC", password))


def rehash(password: str) -> str:
    """A fresh hash of an already accepted password (parameters upgraded; no policy check)."""
    with _HASH_SLOTS:
        return _hasher.hash(unicodedata.normalize("NFC", password))


def verify_password(stored_hash: str | None, password: str) -> tuple[bool, bool]:
    """(matches, needs_rehash). With no hash, spends the same time and says no."""
    global _DUMMY
    candidate = unicodedata.normalize("NFC", password) if isinstance(password, str) else ""
    if stored_hash is None:
        if _DUMMY is None:
            with _HASH_SLOTS:
                _DUMMY = _hasher.hash("not a real password, used to even out timing")
        stored_hash = _DUMMY
        candidate = candidate + "\x00"
    try:
        with _HASH_SLOTS:
            _hasher.verify(stored_hash, candidate)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False, False
    return True, _hasher.check_needs_rehash(stored_hash)


def _lock_seconds(failures: int, free: int) -> int:
    if failures < free:
        return 0
    return int(min(LOCK_MAX_SECONDS, LOCK_BASE_SECONDS * 2 ** (failures - free)))


def account_delay(failures: int) -> float:
    """Seconds an attempt on an account with ``failures`` recent failures waits (never a lock).

    >>> account_delay(ACCOUNT_FREE_ATTEMPTS - 1), account_delay(ACCOUNT_FREE_ATTEMPTS), account_delay(10_000)
    (0.0, 0.25, 3.0)
    """
    if failures < ACCOUNT_FREE_ATTEMPTS:
        return 0.0
    return min(ACCOUNT_DELAY_MAX, ACCOUNT_DELAY_STEP * (failures - ACCOUNT_FREE_ATTEMPTS + 1))


@dataclass(frozen=True)
class Attempt:
    """The throttle keys of one sign-in (or old-password) attempt, counted in advance."""

    pair: str
    client: str
    account: str
    delay: float
    """Seconds to wait before checking the password (the per-account slow-down)."""


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


_pause: Callable[[float], None] = _sleep


def pause(seconds: float) -> None:
    """Wait before checking a password on a much-guessed account (tests swap the sleeper)."""
    _pause(seconds)


def set_pause(fn: Callable[[float], None] | None) -> None:
    """Replace the sleeper (tests record the delays instead of waiting); None restores it."""
    global _pause
    _pause = fn or _sleep


def attempt_keys(account: str, client: str | None) -> tuple[str, str, str]:
    who = (client or "local")[:100]
    name = account[:64]
    return f"pair:{name}|{who}", f"client:{who}", f"account:{name}"


def _row(s: Session, key: str, now: datetime) -> LoginThrottle:
    """The key's row, locked for this transaction; created when missing."""
    stmt = select(LoginThrottle).where(LoginThrottle.key == key).with_for_update()
    row = s.scalars(stmt).one_or_none()
    if row is not None:
        return row
    try:
        with s.begin_nested():
            s.add(LoginThrottle(key=key, failures=0, last_failure_at=now, locked_until=None))
    except IntegrityError:  # another process created it a moment ago
        pass
    return s.scalars(stmt).one()


_last_purge: datetime | None = None


def _purge(s: Session, now: datetime) -> None:
    """Delete rows quiet for :data:`FORGET_AFTER` (at most every :data:`PURGE_EVERY` per process)."""
    global _last_purge
    if _last_purge is not None and _last_purge <= now < _last_purge + PURGE_EVERY:
        return
    _last_purge = now
    s.execute(delete(LoginThrottle).where(LoginThrottle.last_failure_at < now - FORGET_AFTER))


def count_attempt(s: Session, account: str, client: str | None, now: datetime) -> Attempt:
    """Refuse if this client is locked out of this account (or is spraying); otherwise count
    the attempt as a failure in advance and say how long to wait. Call in a write transaction;
    take the count back with :func:`succeeded` when the password was right."""
    _purge(s, now)
    pair_key, client_key, account_key = attempt_keys(account, client)
    rows = {key: _row(s, key, now) for key in sorted((pair_key, client_key, account_key))}  # fixed lock order
    forget = {pair_key: FORGET_AFTER, client_key: CLIENT_FORGET_AFTER, account_key: FORGET_AFTER}
    for key, row in rows.items():
        if row.last_failure_at + forget[key] < now:
            row.failures, row.locked_until = 0, None
    for key in (pair_key, client_key):
        row = rows[key]
        if row.locked_until is not None and row.locked_until > now:
            raise LoginThrottled(max(1, int((row.locked_until - now).total_seconds() + 0.999)))
    free = {pair_key: FREE_ATTEMPTS, client_key: CLIENT_FREE_ATTEMPTS}
    delay = account_delay(rows[account_key].failures)
    for key, row in rows.items():
        row.failures += 1
        row.last_failure_at = now
        if key in free:
            wait = _lock_seconds(row.failures, free[key])
            row.locked_until = now + timedelta(seconds=wait) if wait else None
    return Attempt(pair_key, client_key, account_key, delay)


def succeeded(s: Session, attempt: Attempt) -> None:
    """The password was right: clear the account's and this pair's counts, and take this
    attempt back from the client's (successes never count against anyone)."""
    for key in (attempt.pair, attempt.account):
        row = s.get(LoginThrottle, key)
        if row is not None:
            s.delete(row)
    row = s.get(LoginThrottle, attempt.client, with_for_update=True)
    if row is not None:
        row.failures = max(0, row.failures - 1)
        if row.failures < CLIENT_FREE_ATTEMPTS:
            row.locked_until = None


def clear_account(s: Session, account: str) -> None:
    """Forget the account's failures from every client (an admin reset its password)."""
    s.execute(delete(LoginThrottle).where(LoginThrottle.key == f"account:{account[:64]}"))
    s.execute(delete(LoginThrottle).where(LoginThrottle.key.like(f"pair:{_like(account[:64])}|%", escape="\\")))


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
