"""Checking the audit chains (:mod:`.audit_chain`): the first broken link of every chain.

Each chain is read in ``seq`` order and its MACs recomputed from its genesis value. At the
first row that does not fit, the kind of break is told apart as far as the chain allows:

* ``deleted`` — a gap in ``seq`` (rows removed from the middle);
* ``inserted`` — a row with a ``seq`` already used, past the head, or not on any chain;
* ``edited`` — the row's fields no longer match its MAC (the next row still chains from it);
* ``truncated`` — every row verifies but the head says the chain was longer;
* ``head`` — the head is missing or is not the value the chain ends with;
* ``wrong_key`` — the key is not the one the log was sealed with (nothing can be checked).

The whole check reads one snapshot (REPEATABLE READ on PostgreSQL; a read transaction on
SQLite), so concurrent appends never look like breaks.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.engine import Engine

from . import audit_chain as ac
from .tables import AuditEntry, AuditHead

KINDS = {
    "edited": ("行内容与其 MAC 不符（被修改）", "the row's fields do not match its MAC (edited)"),
    "inserted": ("插入的行", "inserted row"),
    "deleted": ("缺少行（被删除）", "rows missing (deleted)"),
    "truncated": ("链尾被截断", "truncated tail"),
    "head": ("链头与链不符（被修改）", "the chain head does not match the chain (changed head)"),
    "wrong_key": ("密钥不符", "wrong key"),
}


@dataclass(frozen=True)
class Break:
    """The first broken link of one chain."""

    chain: str
    kind: str
    row_id: int | None
    seq: int | None
    detail: str

    def __str__(self) -> str:
        zh, en = KINDS[self.kind]
        where = f"链 / chain {self.chain}"
        if self.row_id is not None:
            where += f" · 行 / row id {self.row_id} (seq {self.seq})"
        return f"{where}: {zh} / {en}" + (f" — {self.detail}" if self.detail else "")


@dataclass
class Report:
    chains: int = 0
    rows: int = 0
    breaks: list[Break] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.breaks


def _eq(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class _Chain:
    def __init__(self, key: bytes, chain: str, rows: Iterator[Mapping[str, Any]], head: tuple[int, str] | None) -> None:
        self.key, self.chain, self.head = key, chain, head
        self.rows = rows
        self.count = 0

    def _next(self) -> Mapping[str, Any] | None:
        r = next(self.rows, None)
        if r is not None:
            self.count += 1
        return r

    def check(self) -> Break | None:
        key, chain = self.key, self.chain
        if not chain:
            r = self._next()
            assert r is not None
            return Break("''", "inserted", r["id"], r["seq"], "不在任何链上（未签封）/ on no chain (never sealed)")
        seq, h = 0, ac.genesis(key, chain)
        r = self._next()
        while r is not None:
            nxt = self._next()
            if r["seq"] <= seq:
                return Break(chain, "inserted", r["id"], r["seq"], f"seq {r['seq']} 重复 / seq {r['seq']} used twice")
            if r["seq"] > seq + 1:
                missing = f"seq {seq + 1}" + (f"–{r['seq'] - 1}" if r["seq"] - 1 > seq + 1 else "")
                return Break(chain, "deleted", r["id"], r["seq"], f"此行之前缺少 / missing before this row: {missing}")
            mac = ac.row_mac(key, h, r)
            if not _eq(mac.hex(), r["mac"]):
                return self._classify(r, nxt)
            seq, h = r["seq"], ac.head_mac(key, chain, r["seq"], mac)
            r = nxt
        return self._end(seq, h)

    def _classify(self, r: Mapping[str, Any], nxt: Mapping[str, Any] | None) -> Break:
        key, chain = self.key, self.chain
        if self.head is not None and r["seq"] > self.head[0]:
            return Break(chain, "inserted", r["id"], r["seq"], f"在链头 seq {self.head[0]} 之后 / past the head (seq {self.head[0]})")
        try:
            after = ac.head_mac(key, chain, r["seq"], bytes.fromhex(r["mac"]))
        except ValueError:
            return Break(chain, "edited", r["id"], r["seq"], "MAC 无效 / the MAC is not valid hex")
        if nxt is not None:
            if nxt["seq"] == r["seq"] + 1 and _eq(ac.row_mac(key, after, nxt).hex(), nxt["mac"]):
                why = "下一行仍与其原 MAC 相接 / the next row still chains from its original MAC"
                return Break(chain, "edited", r["id"], r["seq"], why)
            return Break(chain, "edited", r["id"], r["seq"], "内容、seq 或 MAC 被改 / fields, seq or MAC changed")
        if self.head is not None and _eq(after.hex(), self.head[1]):
            return Break(chain, "edited", r["id"], r["seq"], "链头仍与其原 MAC 相符 / the head still matches its original MAC")
        return Break(chain, "inserted", r["id"], r["seq"], "链尾的行，链头不符 / a last row the head does not match")

    def _end(self, seq: int, h: bytes) -> Break | None:
        if self.head is None:
            return Break(self.chain, "head", None, None, "链头缺失 / the head is missing")
        head_seq, head_mac = self.head
        if seq < head_seq:
            return Break(
                self.chain, "truncated", None, None, f"最后一行 seq {seq}，链头 seq {head_seq} / last row seq {seq}, head seq {head_seq}"
            )
        if seq > head_seq or not _eq(h.hex(), head_mac):
            return Break(self.chain, "head", None, None, f"链头 seq {head_seq}，链 seq {seq} / head seq {head_seq}, chain seq {seq}")
        return None


def verify(engine: Engine, key: bytes) -> Report:
    """Check every chain in one snapshot; at most one :class:`Break` per chain."""
    log = AuditEntry.__table__
    heads_t = AuditHead.__table__
    assert isinstance(log, Table) and isinstance(heads_t, Table)
    report = Report()
    options: dict[str, Any] = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    with engine.connect().execution_options(**options) as conn, conn.begin():
        heads = {r.chain: (int(r.seq), r.mac) for r in conn.execute(select(heads_t))}
        check = heads.pop(ac.KEY_CHAIN, None)
        any_row = conn.execute(select(log.c.id).limit(1)).first() is not None
        if check is not None and not _eq(check[1], ac.key_check(key)):
            report.breaks.append(
                Break(ac.KEY_CHAIN, "wrong_key", None, None, "日志以另一把密钥签封 / the log was sealed with another key")
            )
            return report
        if check is None and any_row:
            report.breaks.append(Break(ac.KEY_CHAIN, "head", None, None, "密钥校验值缺失 / the key check is missing"))
        seen: set[str] = set()
        stmt = select(log).order_by(log.c.chain, log.c.seq, log.c.id)
        rows = conn.execution_options(yield_per=2000).execute(stmt).mappings()
        for chain, group in groupby(rows, key=lambda r: r["chain"]):
            seen.add(chain)
            rest = cast(Iterator[Mapping[str, Any]], iter(group))
            c = _Chain(key, chain, rest, heads.get(chain))
            b = c.check()
            c.count += sum(1 for _ in rest)  # the rows after a break
            report.rows += c.count
            report.chains += 1 if chain else 0
            if b is not None:
                report.breaks.append(b)
        for chain in sorted(set(heads) - seen):
            report.chains += 1
            head_seq, head_mac = heads[chain]
            if head_seq > 0:
                report.breaks.append(Break(chain, "truncated", None, None, f"链头 seq {head_seq}，无行 / head seq {head_seq}, no rows"))
            elif not _eq(head_mac, ac.genesis(key, chain).hex()):
                report.breaks.append(Break(chain, "head", None, None, "空链的链头不符 / the head of an empty chain does not match"))
    return report
