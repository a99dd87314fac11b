"""initial schema: organisations, users, links, assessments, revisions, notes, evidence,
audit log (append-only), login throttle

Revision ID: 0001
Revises:
Create Date: 2025-06-01

Database rules that do not depend on the application behaving:
* ``audit_log`` refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL);
* a submitted ``assessment_revisions`` row refuses UPDATE and DELETE.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)


def _ts(name: str, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, TS, nullable=nullable)


SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER revisions_frozen_update BEFORE UPDATE ON assessment_revisions WHEN OLD.submitted_at IS NOT NULL "
    "BEGIN SELECT RAISE(ABORT, 'a submitted revision is never changed'); END",
    "CREATE TRIGGER revisions_frozen_delete BEFORE DELETE ON assessment_revisions WHEN OLD.submitted_at IS NOT NULL "
    "BEGIN SELECT RAISE(ABORT, 'a submitted revision is never changed'); END",
)

POSTGRES_TRIGGERS = (
    "CREATE FUNCTION sfa_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION '% is append-only or frozen: % refused', TG_TABLE_NAME, TG_OP; END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION sfa_refuse_change()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION sfa_refuse_change()",
    "CREATE TRIGGER revisions_frozen BEFORE UPDATE OR DELETE ON assessment_revisions "
    "FOR EACH ROW WHEN (OLD.submitted_at IS NOT NULL) EXECUTE FUNCTION sfa_refuse_change()",
)


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("credit_code", sa.String(18), nullable=False),
        sa.Column("region_code", sa.String(6), nullable=False),
        sa.Column("industry_code", sa.String(4), nullable=False),
        sa.Column("size_class", sa.String(10), nullable=False),
        sa.Column("production_type", sa.String(10), nullable=False),
        _ts("created_at"),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_organisations"),
        sa.UniqueConstraint("credit_code", name="uq_organisations_credit_code"),
    )
    op.create_index("ix_organisations_region_code", "organisations", ["region_code"])

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("jurisdiction", sa.String(6), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        _ts("created_at"),
        _ts("password_changed_at"),
        sa.CheckConstraint("role IN ('enterprise', 'consultant', 'bureau', 'admin')", name="ck_users_role"),
        sa.CheckConstraint("role <> 'bureau' OR jurisdiction IS NOT NULL", name="ck_users_bureau_jurisdiction"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], name="fk_users_organisation_id_organisations"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_index("ix_users_organisation_id", "users", ["organisation_id"])

    op.create_table(
        "consultant_clients",
        sa.Column("consultant_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        _ts("created_at"),
        sa.ForeignKeyConstraint(["consultant_id"], ["users.id"], name="fk_consultant_clients_consultant_id_users"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], name="fk_consultant_clients_organisation_id_organisations"),
        sa.PrimaryKeyConstraint("consultant_id", "organisation_id", name="pk_consultant_clients"),
    )
    op.create_index("ix_consultant_clients_organisation_id", "consultant_clients", ["organisation_id"])

    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.String(60), nullable=False),
        sa.Column("questionnaire_ref", sa.String(80), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("submitted_revision", sa.Integer(), nullable=True),
        sa.Column("region_code", sa.String(6), nullable=False),
        sa.Column("industry_code", sa.String(4), nullable=False),
        sa.Column("size_class", sa.String(10), nullable=False),
        sa.Column("production_type", sa.String(10), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("max_score", sa.Float(), nullable=True),
        sa.Column("rung", sa.String(40), nullable=True),
        sa.Column("rung_rank", sa.Integer(), nullable=True),
        sa.Column("summary", JSON, nullable=True),
        sa.Column("return_reason", sa.Text(), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        _ts("first_submitted_at", nullable=True),
        _ts("last_submitted_at", nullable=True),
        _ts("verified_at", nullable=True),
        sa.CheckConstraint("status IN ('draft', 'submitted', 'returned', 'resubmitted', 'verified')", name="ck_assessments_status"),
        sa.CheckConstraint("(status = 'draft') = (submitted_revision IS NULL)", name="ck_assessments_submitted_revision"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], name="fk_assessments_organisation_id_organisations"),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
    )
    op.create_index("ix_assessments_organisation_id", "assessments", ["organisation_id"])
    op.create_index("ix_assessments_region_status_submitted", "assessments", ["region_code", "status", "last_submitted_at"])

    op.create_table(
        "assessment_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("answers", JSON, nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("profile", JSON, nullable=True),
        sa.Column("summary", JSON, nullable=True),
        sa.Column("result_z", sa.LargeBinary(), nullable=True),
        sa.Column("engine_version", sa.String(20), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        _ts("submitted_at", nullable=True),
        sa.Column("submitted_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"], name="fk_assessment_revisions_assessment_id_assessments"),
        sa.ForeignKeyConstraint(["submitted_by"], ["users.id"], name="fk_assessment_revisions_submitted_by_users"),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], name="fk_assessment_revisions_updated_by_users"),
        sa.PrimaryKeyConstraint("id", name="pk_assessment_revisions"),
        sa.UniqueConstraint("assessment_id", "number", name="uq_assessment_revisions_assessment_id_number"),
    )

    op.create_table(
        "answer_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        _ts("created_at"),
        sa.CheckConstraint("kind IN ('note', 'verified')", name="ck_answer_notes_kind"),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"], name="fk_answer_notes_assessment_id_assessments"),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name="fk_answer_notes_author_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_answer_notes"),
    )
    op.create_index("ix_answer_notes_assessment_question", "answer_notes", ["assessment_id", "question_id"])

    op.create_table(
        "evidence_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(120), nullable=False),
        sa.Column("added_in_revision", sa.Integer(), nullable=False),
        sa.Column("removed_in_revision", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=False),
        _ts("created_at"),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"], name="fk_evidence_files_assessment_id_assessments"),
        sa.ForeignKeyConstraint(["uploaded_by"], ["users.id"], name="fk_evidence_files_uploaded_by_users"),
        sa.PrimaryKeyConstraint("id", name="pk_evidence_files"),
    )
    op.create_index("ix_evidence_files_assessment_question", "evidence_files", ["assessment_id", "question_id"])

    op.create_table(
        "evidence_blobs",
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["evidence_id"], ["evidence_files.id"], name="fk_evidence_blobs_evidence_id_evidence_files"),
        sa.PrimaryKeyConstraint("evidence_id", name="pk_evidence_blobs"),
    )

    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        _ts("at"),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("assessment_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(120), nullable=False),
        sa.Column("detail", JSON, nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name="fk_audit_log_actor_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_assessment_id", "audit_log", ["assessment_id"])
    op.create_index("ix_audit_log_organisation_id", "audit_log", ["organisation_id"])

    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        _ts("last_failure_at"),
        _ts("locked_until", nullable=True),
        sa.PrimaryKeyConstraint("key", name="pk_login_throttle"),
    )

    triggers = POSTGRES_TRIGGERS if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in triggers:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS revisions_frozen ON assessment_revisions")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS sfa_refuse_change()")
    for table in (
        "login_throttle",
        "audit_log",
        "evidence_blobs",
        "evidence_files",
        "answer_notes",
        "assessment_revisions",
        "assessments",
        "consultant_clients",
        "users",
        "organisations",
    ):
        op.drop_table(table)  # SQLite drops a table's triggers with it
