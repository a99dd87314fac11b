"""The tamper-evident audit log: every audit row is sealed with an HMAC chained to its chain.

Anyone who can write the database file could otherwise insert audit rows or edit them
(the append-only triggers stop the application, not someone with the file). A plain hash
chain would not help: whoever can write the rows can recompute the hashes. So each row is
sealed with HMAC-SHA256 under a key that is *not* in the database (:func:`resolve_key`:
``SFA_AUDIT_KEY``, else the file ``audit-key`` in the data directory, made on first use).

Chains: one per assessment (``a:<id>``) and one global chain (``g``) for rows without an
assessment, so that saves of different assessments never wait for each other. For each
chain, ``audit_heads`` keeps its state: ``seq`` of the last row and ``mac``, the chain value
after it. With ``h0`` the genesis value of the chain::

    row n:  mac_n = HMAC(key, h_{n-1} ‖ canonical(row n))      (stored in audit_log.mac)
            h_n   = HMAC(key, "head" ‖ chain ‖ n ‖ mac_n)       (kept only in audit_heads)

``canonical`` is the JSON of the row's fields (seq, chain, at in ISO with microseconds,
actor_id, actor, action, organisation_id, assessment_id, subject, detail) with sorted keys
and numbers written so that a value reads back the same from SQLite's JSON text and from
PostgreSQL's JSONB. Because a superseded ``h`` is stored nowhere, cutting rows off the end of
a chain and pointing the head at an earlier row cannot be made to verify. A pseudo-chain
``key`` holds ``HMAC(key, "key-check")`` so that a process started with another key refuses
to write (instead of sealing rows nobody can verify) and ``sfa audit verify`` can say
"wrong key" rather than "everything was edited".

Writers lock the head (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's write lock already
serialises writers) and append in the same transaction as the change they record.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.engine import Connection

from .config import data_dir
from .tables import AuditEntry, AuditHead

KEY_ENV = "SFA_AUDIT_KEY"
KEY_FILE = "audit-key"
KEY_CHAIN = "key"
GLOBAL_CHAIN = "g"
MIN_KEY_CHARS = 16
FIELDS = ("seq", "chain", "at", "actor_id", "actor", "action", "organisation_id", "assessment_id", "subject", "detail")


class AuditKeyError(RuntimeError):
    """The audit key is missing, unusable, or not the one that sealed this database's log."""


def resolve_key(directory: Path | None = None, *, create: bool = True) -> bytes:
    """``SFA_AUDIT_KEY`` (any text of at least 16 characters), else the key file in the data
    directory, created with a random key (mode 0600) on first use unless ``create`` is false."""
    raw = os.environ.get(KEY_ENV)
    if raw is not None:
        raw = raw.strip()
        if len(raw) < MIN_KEY_CHARS:
            raise AuditKeyError(
                f"{KEY_ENV} 太短（至少 {MIN_KEY_CHARS} 个字符）/ {KEY_ENV} is too short (at least {MIN_KEY_CHARS} characters)"
            )
        return raw.encode("utf-8")
    folder = directory or data_dir()
    path = folder / KEY_FILE
    if not path.exists() and not create:
        raise AuditKeyError(
            f"没有审计密钥：请设置 {KEY_ENV} 或放置密钥文件 {path} / no audit key: set {KEY_ENV} or provide the key file {path}"
        )
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(secrets.token_hex(32) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(tmp, path)  # atomic: a concurrent first start keeps whichever came first
            except FileExistsError:
                pass
        finally:
            tmp.unlink(missing_ok=True)
    try:
        value = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise AuditKeyError(f"无法读取审计密钥 / cannot read the audit key {path}: {exc.strerror}") from None
    if len(value) < MIN_KEY_CHARS:
        raise AuditKeyError(f"审计密钥文件无效 / the audit key file {path} is empty or too short")
    return value.encode("utf-8")


# ── canonical form ───────────────────────────────────────────────────────────────────────

_EXACT = 2**53


def _norm(value: Any) -> Any:
    # JSONB gives 1e+20 back as 100000000000000000000 (an int) and keeps 2.0 as 2.0; SQLite's
    # JSON text gives back what was written. Normalised, every number reads back the same:
    # integral values below 2**53 as ints, everything else as the nearest float.
    t = type(value)
    if t is str or t is bool or value is None:
        return value
    if t is dict or isinstance(value, Mapping):
        return {str(k): _norm(v) for k, v in value.items()}
    if t is list or t is tuple:
        return [_norm(v) for v in value]
    if t is int or t is float or isinstance(value, int | float):
        if t is int and -_EXACT < value < _EXACT:
            return value
        try:
            v = float(value)
        except OverflowError:
            return int(value)
        return int(v) if v.is_integer() and -_EXACT < v < _EXACT else v
    raise TypeError(f"not JSON: {t.__name__}")


def canonical(value: Any) -> str:
    """JSON with sorted keys, no spaces, text as is, numbers normalised.

    >>> canonical({"b": [1, 2.0, 1e20], "a": "成都"})
    '{"a":"成都","b":[1,2,1e+20]}'
    """
    return json.dumps(_norm(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def iso(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("naive datetime; use an aware UTC datetime")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def row_text(row: Mapping[str, Any]) -> bytes:
    """The canonical JSON of a row's sealed fields (:data:`FIELDS`)."""
    fields = {f: row[f] for f in FIELDS}
    fields["at"] = iso(row["at"])
    fields["detail"] = _norm(row["detail"])  # the other fields are text, whole numbers or None
    for f in ("seq", "actor_id", "organisation_id", "assessment_id"):
        if type(fields[f]) is not int and fields[f] is not None:
            fields[f] = _norm(fields[f])
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def genesis(key: bytes, chain: str) -> bytes:
    return hmac.digest(key, b"genesis\x00" + chain.encode(), hashlib.sha256)


def row_mac(key: bytes, previous: bytes, row: Mapping[str, Any]) -> bytes:
    return hmac.digest(key, previous + row_text(row), hashlib.sha256)


def head_mac(key: bytes, chain: str, seq: int, mac: bytes) -> bytes:
    return hmac.digest(key, b"head\x00" + chain.encode() + b"\x00" + str(seq).encode() + b"\x00" + mac, hashlib.sha256)


def key_check(key: bytes) -> str:
    return hmac.digest(key, b"key-check", hashlib.sha256).hex()


def chain_for(assessment_id: int | None) -> str:
    return GLOBAL_CHAIN if assessment_id is None else f"a:{assessment_id}"


# ── appending ────────────────────────────────────────────────────────────────────────────

_heads = AuditHead.__table__
assert isinstance(_heads, Table)
_HEAD = select(_heads.c.seq, _heads.c.mac).where(_heads.c.chain == bindparam("c")).with_for_update()
_HEAD_CREATE = text("INSERT INTO audit_heads (chain, seq, mac) VALUES (:c, 0, :m) ON CONFLICT (chain) DO NOTHING")
_HEAD_SET = update(_heads).where(_heads.c.chain == bindparam("c")).values(seq=bindparam("s"), mac=bindparam("m"))
_INSERT = insert(AuditEntry)


class Sealer:
    """Appends sealed rows for one :class:`~.database.Database` (the key is resolved once)."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key
        self._checked = False
        self._lock = threading.Lock()

    @property
    def key(self) -> bytes:
        if self._key is None:
            with self._lock:
                if self._key is None:
                    self._key = resolve_key()
        return self._key

    def existing_key(self) -> bytes:
        """The key, without creating a key file (for checking a log, not writing one)."""
        return self._key if self._key is not None else resolve_key(create=False)

    def _check_key(self, conn: Connection, key: bytes) -> None:
        """First append of this process: the key must be the one that sealed the log so far."""
        mine = key_check(key)
        conn.execute(_HEAD_CREATE, {"c": KEY_CHAIN, "m": mine})
        stored = conn.execute(select(_heads.c.mac).where(_heads.c.chain == KEY_CHAIN)).scalar()
        if stored != mine:
            raise AuditKeyError(
                "审计密钥与本数据库不符，拒绝写入（各应用进程须使用同一 SFA_AUDIT_KEY 或 audit-key 文件）/ "
                "the audit key is not the one this database's log was sealed with; refusing to write "
                "(every app process must share SFA_AUDIT_KEY or the audit-key file)"
            )
        self._checked = True

    def append(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Seal and insert ``rows`` (dicts of audit_log's fields, without chain/seq/mac)."""
        if not rows:
            return
        key = self.key
        if not self._checked:
            self._check_key(conn, key)
        out: list[dict[str, Any]] = []
        state: dict[str, tuple[int, bytes]] = {}
        for r in rows:
            row = dict(r)
            row["subject"] = (row.get("subject") or "")[:120]
            row["detail"] = row.get("detail") or {}
            row.setdefault("organisation_id", None)
            row.setdefault("assessment_id", None)
            chain = chain_for(row["assessment_id"])
            if chain not in state:
                state[chain] = self._lock_head(conn, key, chain)
            seq, h = state[chain]
            row["chain"], row["seq"] = chain, seq + 1
            mac = row_mac(key, h, row)
            row["mac"] = mac.hex()
            state[chain] = (seq + 1, head_mac(key, chain, seq + 1, mac))
            out.append(row)
        conn.execute(_INSERT, out)
        conn.execute(_HEAD_SET, [{"c": c, "s": s, "m": h.hex()} for c, (s, h) in state.items()])

    @staticmethod
    def _lock_head(conn: Connection, key: bytes, chain: str) -> tuple[int, bytes]:
        head = conn.execute(_HEAD, {"c": chain}).first()
        if head is None:
            # a new chain: create its head (a concurrent creator wins; we then wait for its lock)
            conn.execute(_HEAD_CREATE, {"c": chain, "m": genesis(key, chain).hex()})
            head = conn.execute(_HEAD, {"c": chain}).one()
        return int(head.seq), bytes.fromhex(head.mac)
