"""hardening: session versions, first-start claim, per-answer edit marks, throttle purge index

* ``users.session_version``: bumped by a password reset or change, disabling and a role
  change; a session signed in with an older version ends at its next request.
* ``install_claims``: a row per one-time claim (``first_admin``); its primary key makes the
  first-start form atomic — exactly one administrator, whatever the concurrency.
* ``assessment_revisions.answer_marks``: per answer, the draft version that last changed it
  and who did, so that a save made against an older view of that answer is refused.
* ``ix_login_throttle_last_failure_at``: purging old throttle rows is an index range scan.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy), so the triggers of assessment_revisions stay in place
    op.add_column("users", sa.Column("session_version", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("assessment_revisions", sa.Column("answer_marks", JSON, nullable=True))
    op.create_table(
        "install_claims",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_install_claims"),
    )
    op.create_index("ix_login_throttle_last_failure_at", "login_throttle", ["last_failure_at"])


def downgrade() -> None:
    op.drop_index("ix_login_throttle_last_failure_at", table_name="login_throttle")
    op.drop_table("install_claims")
    with op.batch_alter_table("assessment_revisions") as batch:
        batch.drop_column("answer_marks")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_version")
