"""audit chain: chain, seq and mac on audit_log, the audit_heads table; seal existing rows

Revision ID: 0008
Revises: 0002
Create Date: 2026-12-01

Existing rows are sealed in id order with the audit key (``SFA_AUDIT_KEY`` or the data
directory's ``audit-key``; see :mod:`assessment.storage.audit_chain`): the append-only
triggers are lifted for that one UPDATE and restored in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from assessment.storage import audit_chain as ac
from assessment.storage.types import JSONType, UTCDateTime

revision: str = "0008"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
)

_log = sa.table(
    "audit_log",
    sa.column("id", sa.BigInteger()),
    sa.column("at", UTCDateTime()),
    sa.column("actor_id", sa.Integer()),
    sa.column("actor", sa.String()),
    sa.column("action", sa.String()),
    sa.column("organisation_id", sa.Integer()),
    sa.column("assessment_id", sa.Integer()),
    sa.column("subject", sa.String()),
    sa.column("detail", JSONType),
    sa.column("chain", sa.String()),
    sa.column("seq", sa.BigInteger()),
    sa.column("mac", sa.String()),
)
_heads = sa.table("audit_heads", sa.column("chain", sa.String()), sa.column("seq", sa.BigInteger()), sa.column("mac", sa.String()))


def _seal(conn: sa.engine.Connection) -> None:
    rows = conn.execute(sa.select(_log).order_by(_log.c.id)).mappings().all()
    if not rows:
        return
    config = op.get_context().config
    key = (config.attributes.get("audit_key") if config else None) or ac.resolve_key()
    state: dict[str, tuple[int, bytes]] = {}
    updates = []
    for r in rows:
        chain = ac.chain_for(r["assessment_id"])
        seq, h = state.get(chain, (0, ac.genesis(key, chain)))
        row = {**r, "chain": chain, "seq": seq + 1}
        mac = ac.row_mac(key, h, row)
        state[chain] = (seq + 1, ac.head_mac(key, chain, seq + 1, mac))
        updates.append({"rid": r["id"], "c": chain, "s": seq + 1, "m": mac.hex()})
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER audit_log_no_update")
    else:
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    stmt = (
        _log.update()
        .where(_log.c.id == sa.bindparam("rid"))
        .values(chain=sa.bindparam("c"), seq=sa.bindparam("s"), mac=sa.bindparam("m"))
    )
    for start in range(0, len(updates), 5000):
        conn.execute(stmt, updates[start : start + 5000])
    if sqlite:
        op.execute(SQLITE_TRIGGERS[0])
    else:
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
    heads = [{"chain": c, "seq": s, "mac": h.hex()} for c, (s, h) in state.items()]
    heads.append({"chain": ac.KEY_CHAIN, "seq": 0, "mac": ac.key_check(key)})
    conn.execute(_heads.insert(), heads)


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("chain", sa.String(40), server_default="", nullable=False))
    op.add_column("audit_log", sa.Column("seq", sa.BigInteger(), server_default="0", nullable=False))
    op.add_column("audit_log", sa.Column("mac", sa.String(64), server_default="", nullable=False))
    op.create_table(
        "audit_heads",
        sa.Column("chain", sa.String(40), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("mac", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("chain", name="pk_audit_heads"),
    )
    _seal(op.get_bind())
    op.create_index("ix_audit_log_chain_seq", "audit_log", ["chain", "seq"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_audit_log_chain_seq", table_name="audit_log")
    op.drop_table("audit_heads")
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:  # ALTER TABLE … DROP COLUMN; the triggers do not name these columns
        for name in ("mac", "seq", "chain"):
            op.execute(f"ALTER TABLE audit_log DROP COLUMN {name}")
        return
    for name in ("mac", "seq", "chain"):
        op.drop_column("audit_log", name)
