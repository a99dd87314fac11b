"""bureau facts at 100,000 submissions: index-only dashboard queries and the blocking flag

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-01

* ``fact_criteria.blocking``: the criterion is a capability criterion of the submission's next
  rung and is not met (backfilled from the rows already there: ``rung_rank`` = the fact's
  ``rung_rank`` + 1, not met, not an eligibility criterion), with a partial index of those
  rows only — the dashboard's "most common unmet criteria" and the candidates' "missing" read
  a few rows per submission instead of every criterion of every rung.
* ``ix_facts_current`` (partial: ``superseded_at IS NULL``) and ``ix_facts_rounds``: every
  column the figures filter or group by, so the GROUP BYs read an index only (views filter on
  ``region_code`` ranges; ``ix_facts_questionnaire_current_city`` stays for the peer benchmark,
  which filters on ``city_code``).
* ``ix_fact_sections_percent``: the section scores beside their key (index-only join).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CURRENT_COLUMNS = [
    "questionnaire_ref",
    "region_code",
    "industry_code",
    "rung_rank",
    "eligible_rank",
    "size_class",
    "production_type",
    "status",
    "score",
    "scenarios",
    "scenarios_ai",
    "assessment_id",
]
ROUNDS_COLUMNS = [
    "questionnaire_ref",
    "region_code",
    "industry_code",
    "submitted_at",
    "superseded_at",
    "period",
    "rung_rank",
    "eligible_rank",
    "size_class",
    "production_type",
    "status",
    "score",
    "scenarios",
    "scenarios_ai",
]


def upgrade() -> None:
    op.add_column("fact_criteria", sa.Column("blocking", sa.Boolean(), nullable=False, server_default=sa.false()))
    facts = sa.table("facts", sa.column("assessment_id", sa.Integer()), sa.column("rung_rank", sa.SmallInteger()))
    crit = sa.table(
        "fact_criteria",
        sa.column("assessment_id", sa.Integer()),
        sa.column("rung_rank", sa.SmallInteger()),
        sa.column("eligibility", sa.Boolean()),
        sa.column("met", sa.Boolean()),
        sa.column("blocking", sa.Boolean()),
    )
    next_rank = sa.select(facts.c.rung_rank + 1).where(facts.c.assessment_id == crit.c.assessment_id).scalar_subquery()
    op.execute(
        sa.update(crit).where(crit.c.met.is_(False), crit.c.eligibility.is_(False), crit.c.rung_rank == next_rank).values(blocking=True)
    )
    op.create_index(
        "ix_fact_criteria_blocking",
        "fact_criteria",
        ["assessment_id", "criterion_id", "rung_rank"],
        sqlite_where=sa.text("blocking = 1"),
        postgresql_where=sa.text("blocking"),
    )
    op.create_index(
        "ix_facts_current",
        "facts",
        CURRENT_COLUMNS,
        sqlite_where=sa.text("superseded_at IS NULL"),
        postgresql_where=sa.text("superseded_at IS NULL"),
    )
    op.create_index("ix_facts_rounds", "facts", ROUNDS_COLUMNS)
    op.create_index("ix_fact_sections_percent", "fact_sections", ["assessment_id", "section_id", "percent"])


def downgrade() -> None:
    op.drop_index("ix_fact_sections_percent", table_name="fact_sections")
    op.drop_index("ix_facts_rounds", table_name="facts")
    op.drop_index("ix_facts_current", table_name="facts")
    op.drop_index("ix_fact_criteria_blocking", table_name="fact_criteria")
    with op.batch_alter_table("fact_criteria") as batch:
        batch.drop_column("blocking")
