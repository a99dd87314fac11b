"""The tables: organisations, users, consultant↔client links, assessments and their revisions,
answer notes, evidence files, the audit log (with its chain heads) and the login throttle.

An **assessment** is one enterprise's round of one questionnaire (``questionnaire@version``).
Its answers live in **revisions**: revision 1 is the draft the enterprise fills in; submitting
freezes it (answers, the profile it was assessed with, and the engine's Result snapshot). A
returned assessment gets a new draft revision (a copy of the last one) — a submitted revision
is never edited in place. The assessment row carries the status and, for listings and the
bureau's dashboards, a copy of what its latest *submitted* revision says (region, industry,
size, score, tier/level) so that listing 100,000 submissions needs no join and no JSON.

The same models run on SQLite and PostgreSQL; the schema is created by the Alembic
migrations in ``migrations/`` (never by ``create_all`` outside tests of the migrations).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .types import BigIntPK, JSONType, UTCDateTime

ROLES = ("enterprise", "consultant", "bureau", "admin")
STATUSES = ("draft", "submitted", "returned", "resubmitted", "verified")

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Organisation(Base):
    """An enterprise (a factory's legal entity), identified by its 统一社会信用代码."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    region_code: Mapped[str] = mapped_column(String(6), index=True)
    industry_code: Mapped[str] = mapped_column(String(4))
    size_class: Mapped[str] = mapped_column(String(10))
    production_type: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(100))


class User(Base):
    """An account. ``organisation_id`` for enterprise users, ``jurisdiction`` (a GB/T 2260
    code: province, city or district) for bureau users. Accounts are disabled, never deleted,
    so the audit log always names who did what."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role"),
        CheckConstraint("role <> 'bureau' OR jurisdiction IS NOT NULL", name="bureau_jurisdiction"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    jurisdiction: Mapped[str | None] = mapped_column(String(6))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Bumped when a password is reset or changed, the account is disabled or its role
    changes: sessions signed in with an older version end at their next request."""


class ConsultantClient(Base):
    """A consultant may work on the assessments of the organisations linked to them."""

    __tablename__ = "consultant_clients"

    consultant_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Assessment(Base):
    """One round of one questionnaire for one organisation; status and listing columns."""

    __tablename__ = "assessments"
    __table_args__ = (
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint("(status = 'draft') = (submitted_revision IS NULL)", name="submitted_revision"),
        Index("ix_assessments_region_status_submitted", "region_code", "status", "last_submitted_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    questionnaire_id: Mapped[str] = mapped_column(String(60))
    questionnaire_ref: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(12), default="draft")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    submitted_revision: Mapped[int | None] = mapped_column(Integer)
    # copied from the organisation when the latest revision was submitted
    region_code: Mapped[str] = mapped_column(String(6))
    industry_code: Mapped[str] = mapped_column(String(4))
    size_class: Mapped[str] = mapped_column(String(10))
    production_type: Mapped[str] = mapped_column(String(10))
    # what the latest submitted revision's Result says
    score: Mapped[float | None] = mapped_column(Float)
    max_score: Mapped[float | None] = mapped_column(Float)
    rung: Mapped[str | None] = mapped_column(String(40))
    rung_rank: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    """The latest submitted revision's Result summary, here so dashboards read one small table."""
    return_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    first_submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Revision(Base):
    """The answers of an assessment at one revision. Open (a draft) until ``submitted_at``."""

    __tablename__ = "assessment_revisions"
    __table_args__ = (UniqueConstraint("assessment_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    number: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(JSONType)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=0)
    """Bumped by every save: a cache key for the draft's current result."""
    answer_marks: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    """Per answer ``[version, username]``: the draft version that last changed it, and who
    did. A save made against an older view of that answer is refused (no silent overwrite)."""
    profile: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    """A compact extract of the Result (scores, rung, section percents, gap ids) for dashboards."""
    result_z: Mapped[bytes | None] = mapped_column(LargeBinary)
    """zlib-compressed ``Result.model_dump_json()``, written once at submission."""
    engine_version: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class AnswerNote(Base):
    """A note on one answer, or a consultant's mark that the answer was checked (``verified``).
    Append-only; tagged with the revision it was written in."""

    __tablename__ = "answer_notes"
    __table_args__ = (
        CheckConstraint(_in("kind", ("note", "verified")), name="kind"),
        Index("ix_answer_notes_assessment_question", "assessment_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    revision: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(10), default="note")
    text: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EvidenceFile(Base):
    """An evidence file attached to an answer. Visible in revisions
    ``added_in_revision <= n < removed_in_revision``; the bytes are in :class:`EvidenceBlob`."""

    __tablename__ = "evidence_files"
    __table_args__ = (Index("ix_evidence_files_assessment_question", "assessment_id", "question_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    question_id: Mapped[str] = mapped_column(String(120))
    added_in_revision: Mapped[int] = mapped_column(Integer)
    removed_in_revision: Mapped[int | None] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EvidenceBlob(Base):
    """The bytes of an evidence file, apart so that listing files never loads them."""

    __tablename__ = "evidence_blobs"

    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence_files.id"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class InstallClaim(Base):
    """A one-time claim on the installation (``first_admin``): the primary key makes it atomic."""

    __tablename__ = "install_claims"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str] = mapped_column(String(100))


class AuditEntry(Base):
    """Who changed what and when. Append-only: triggers refuse UPDATE and DELETE; and each
    row is sealed with an HMAC chained to the previous row of its chain (``a:<assessment>``
    or ``g``), so that a change made past the triggers is detected (:mod:`.audit_chain`)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_chain_seq", "chain", "seq", unique=True),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    organisation_id: Mapped[int | None] = mapped_column(Integer, index=True)
    assessment_id: Mapped[int | None] = mapped_column(Integer, index=True)
    subject: Mapped[str] = mapped_column(String(120), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSONType)
    chain: Mapped[str] = mapped_column(String(40), server_default="")
    seq: Mapped[int] = mapped_column(BigInteger, server_default="0")
    mac: Mapped[str] = mapped_column(String(64), server_default="")
    """Hex HMAC-SHA256 of the row's canonical fields, keyed on the chain's value before it."""


class AuditHead(Base):
    """The state of one audit chain after its last row: its ``seq`` and the chain value
    ``mac`` (an HMAC over the last row's MAC, stored nowhere else). The pseudo-chain ``key``
    holds a check value of the key that seals the log."""

    __tablename__ = "audit_heads"

    chain: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    mac: Mapped[str] = mapped_column(String(64))


class LoginThrottle(Base):
    """Failed sign-ins per key: ``pair:<account>|<client>``, ``account:<name>``, ``client:<address>``."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
