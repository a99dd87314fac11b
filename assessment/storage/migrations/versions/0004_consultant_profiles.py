"""consultant profiles: the 诊断机构 (diagnosing organisation) of a consultant account

Revision ID: 0004
Revises: 0008
Create Date: 2026-12-01

Comes after 0008 (audit chain); 0003 (bureau facts) follows it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consultant_profiles",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("organisation_name", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_consultant_profiles_user_id_users"),
        sa.PrimaryKeyConstraint("user_id", name="pk_consultant_profiles"),
    )


def downgrade() -> None:
    op.drop_table("consultant_profiles")
