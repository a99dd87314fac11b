"""bureau facts: one row per submission, criterion outcomes, section scores, data version,
register of 规上 enterprises; backfilled from the stored Result snapshots

Revision ID: 0003
Revises: 0008
Create Date: 2026-12-01

The backfill reads each submitted assessment's latest submitted revision and its Result
snapshot (never re-assessing), so the facts say exactly what the enterprise was told.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "facts",
        sa.Column("assessment_id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.String(60), nullable=False),
        sa.Column("questionnaire_ref", sa.String(80), nullable=False),
        sa.Column("province_code", sa.String(6), nullable=False),
        sa.Column("city_code", sa.String(6), nullable=False),
        sa.Column("region_code", sa.String(6), nullable=False),
        sa.Column("industry_code", sa.String(2), nullable=False),
        sa.Column("size_class", sa.String(10), nullable=False),
        sa.Column("production_type", sa.String(10), nullable=False),
        sa.Column("grading", sa.String(8), nullable=False),
        sa.Column("rung", sa.String(40), nullable=True),
        sa.Column("rung_rank", sa.SmallInteger(), nullable=False),
        sa.Column("eligible_rung", sa.String(40), nullable=True),
        sa.Column("eligible_rank", sa.SmallInteger(), nullable=False),
        sa.Column("next_rung", sa.String(40), nullable=True),
        sa.Column("next_missing", sa.SmallInteger(), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("max_score", sa.Float(), nullable=False),
        sa.Column("scenarios", sa.Integer(), nullable=True),
        sa.Column("scenarios_ai", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("submitted_at", TS, nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("superseded_at", TS, nullable=True),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"], name="fk_facts_assessment_id_assessments"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], name="fk_facts_organisation_id_organisations"),
        sa.PrimaryKeyConstraint("assessment_id", name="pk_facts"),
    )
    op.create_index("ix_facts_questionnaire_current_city", "facts", ["questionnaire_ref", "superseded_at", "city_code", "industry_code"])
    op.create_index("ix_facts_organisation_questionnaire", "facts", ["organisation_id", "questionnaire_ref"])
    op.create_index("ix_facts_region_code", "facts", ["region_code"])
    op.create_index("ix_facts_questionnaire_next_missing", "facts", ["questionnaire_ref", "rung_rank", "next_missing"])
    op.create_table(
        "fact_criteria",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.String(120), nullable=False),
        sa.Column("rung_rank", sa.SmallInteger(), nullable=False),
        sa.Column("eligibility", sa.Boolean(), nullable=False),
        sa.Column("met", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["facts.assessment_id"], name="fk_fact_criteria_assessment_id_facts"),
        sa.PrimaryKeyConstraint("assessment_id", "criterion_id", name="pk_fact_criteria"),
    )
    op.create_table(
        "fact_sections",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.String(80), nullable=False),
        sa.Column("percent", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["facts.assessment_id"], name="fk_fact_sections_assessment_id_facts"),
        sa.PrimaryKeyConstraint("assessment_id", "section_id", name="pk_fact_sections"),
    )
    op.create_table(
        "facts_version",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_facts_version"),
    )
    op.create_table(
        "register_entries",
        sa.Column("credit_code", sa.String(18), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("region_code", sa.String(6), nullable=False),
        sa.Column("industry_code", sa.String(2), nullable=False),
        sa.Column("imported_at", TS, nullable=False),
        sa.Column("imported_by", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("credit_code", name="pk_register_entries"),
    )
    op.create_index("ix_register_entries_region_industry", "register_entries", ["region_code", "industry_code"])
    backfill(op.get_bind())


def backfill(conn: Any) -> None:
    """Facts for every submitted assessment, from its latest submitted revision's snapshot."""
    from assessment.services import facts, snapshots
    from assessment.storage.tables import Assessment, Revision

    a, r = Assessment.__table__, Revision.__table__
    stmt = (
        sa.select(a.c.id, a.c.organisation_id, a.c.status, a.c.last_submitted_at, r.c.number, r.c.profile, r.c.result_z)
        .join(r, sa.and_(r.c.assessment_id == a.c.id, r.c.number == a.c.submitted_revision))
        .where(a.c.submitted_revision.is_not(None), r.c.result_z.is_not(None))
        .order_by(a.c.last_submitted_at, a.c.id)
    )
    for row in conn.execute(stmt).all():
        facts.record_submission(
            conn,
            snapshots.unpack(row.result_z),
            status=row.status,
            submitted_at=row.last_submitted_at,
            assessment_id=row.id,
            organisation_id=row.organisation_id,
            revision=row.number,
            profile=row.profile,
            blocking_column=False,  # added by 0005, which backfills it
        )
    facts.bump(conn)


def downgrade() -> None:
    op.drop_index("ix_register_entries_region_industry", table_name="register_entries")
    for table in ("register_entries", "facts_version", "fact_sections", "fact_criteria"):
        op.drop_table(table)
    for ix in ("ix_facts_questionnaire_next_missing", "ix_facts_region_code", "ix_facts_organisation_questionnaire"):
        op.drop_index(ix, table_name="facts")
    op.drop_index("ix_facts_questionnaire_current_city", table_name="facts")
    op.drop_table("facts")
