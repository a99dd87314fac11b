"""Facts for the bureau's dashboards: one flat row per submission, its criterion outcomes and
section scores, the data version, and the bureau's register of 规上 enterprises.

A **fact** is what one submitted assessment (one enterprise's round of one questionnaire
version) says, copied out of its Result when it is submitted and updated when it is returned
or verified — in the same transaction — so that a dashboard over 100,000 submissions is a few
``GROUP BY`` over indexed columns and never decodes a Result. ``superseded_at`` is set when the
same enterprise submits a later round of the same questionnaire version: the *current* state
is the rows with ``superseded_at IS NULL``; the state at the end of a past period is the rows
submitted before that date and not yet superseded then.

The indexes are chosen so that every dashboard query reads an index only (migration 0005):
``ix_facts_current`` holds the current rows (``superseded_at IS NULL``, a partial index) with
every column a figure groups or filters by; ``ix_facts_rounds`` holds all rounds with the
dates the state at the end of a past quarter and the trend need. ``fact_criteria.blocking``
marks the unmet capability criteria of the submission's next rung — the criteria that block
it, whose count is ``facts.next_missing`` — and the partial index ``ix_fact_criteria_blocking``
holds only those rows (a few per submission instead of every criterion of every rung).

``facts_version`` is a counter bumped by every write to these tables: dashboards cache their
figures per (filter, data version), so a submission shows up at the next page run.

The **register** (企业名录) is the list of 规上 industrial enterprises a bureau imports; the
diagnostic coverage is the share of its enterprises that have a submitted assessment.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, SmallInteger, String, false, text
from sqlalchemy.orm import Mapped, mapped_column

from .tables import Base
from .types import UTCDateTime

CURRENT_COLUMNS = (
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
)
"""``ix_facts_current``: the current rows, with all a current-state figure reads."""
ROUNDS_COLUMNS = (
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
)
"""``ix_facts_rounds``: every round, with the dates of the state at a past date and the trend."""


class Fact(Base):
    """The flat row of one submitted assessment (its latest submitted revision)."""

    __tablename__ = "facts"
    __table_args__ = (
        Index(
            "ix_facts_current",
            *CURRENT_COLUMNS,
            sqlite_where=text("superseded_at IS NULL"),
            postgresql_where=text("superseded_at IS NULL"),
        ),
        Index("ix_facts_rounds", *ROUNDS_COLUMNS),
        Index("ix_facts_questionnaire_current_city", "questionnaire_ref", "superseded_at", "city_code", "industry_code"),
        Index("ix_facts_organisation_questionnaire", "organisation_id", "questionnaire_ref"),
        Index("ix_facts_region_code", "region_code"),
        Index("ix_facts_questionnaire_next_missing", "questionnaire_ref", "rung_rank", "next_missing"),
    )

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), primary_key=True, autoincrement=False)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    revision: Mapped[int] = mapped_column(Integer)
    questionnaire_id: Mapped[str] = mapped_column(String(60))
    questionnaire_ref: Mapped[str] = mapped_column(String(80))
    province_code: Mapped[str] = mapped_column(String(6))
    city_code: Mapped[str] = mapped_column(String(6))
    region_code: Mapped[str] = mapped_column(String(6))
    industry_code: Mapped[str] = mapped_column(String(2))
    size_class: Mapped[str] = mapped_column(String(10))
    production_type: Mapped[str] = mapped_column(String(10))
    grading: Mapped[str] = mapped_column(String(8))
    rung: Mapped[str | None] = mapped_column(String(40))
    rung_rank: Mapped[int] = mapped_column(SmallInteger)
    eligible_rung: Mapped[str | None] = mapped_column(String(40))
    eligible_rank: Mapped[int] = mapped_column(SmallInteger)
    next_rung: Mapped[str | None] = mapped_column(String(40))
    next_missing: Mapped[int | None] = mapped_column(SmallInteger)
    """Unmet capability criteria of the next rung (None at the top of the ladder)."""
    score: Mapped[float] = mapped_column(Float)
    max_score: Mapped[float] = mapped_column(Float)
    scenarios: Mapped[int | None] = mapped_column(Integer)
    scenarios_ai: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    period: Mapped[str] = mapped_column(String(7))
    """Quarter of ``submitted_at`` in China time, e.g. ``2026Q3``."""
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class FactCriterion(Base):
    """Met or not, per criterion of every rung, for one submission."""

    __tablename__ = "fact_criteria"
    __table_args__ = (
        Index(
            "ix_fact_criteria_blocking",
            "assessment_id",
            "criterion_id",
            "rung_rank",
            sqlite_where=text("blocking = 1"),
            postgresql_where=text("blocking"),
        ),
    )

    assessment_id: Mapped[int] = mapped_column(ForeignKey("facts.assessment_id"), primary_key=True)
    criterion_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    rung_rank: Mapped[int] = mapped_column(SmallInteger)
    eligibility: Mapped[bool] = mapped_column(Boolean)
    met: Mapped[bool] = mapped_column(Boolean)
    blocking: Mapped[bool] = mapped_column(Boolean, server_default=false())
    """A capability criterion of the next rung that is not met (``rung_rank`` is the submission's
    rung + 1): what stands between the enterprise and its next rung."""


class FactSection(Base):
    """The percentage reached in one section, for one submission."""

    __tablename__ = "fact_sections"
    __table_args__ = (Index("ix_fact_sections_percent", "assessment_id", "section_id", "percent"),)

    assessment_id: Mapped[int] = mapped_column(ForeignKey("facts.assessment_id"), primary_key=True)
    section_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    percent: Mapped[float] = mapped_column(Float)


class FactsVersion(Base):
    """One row (id 1): bumped by every change to the facts or the register."""

    __tablename__ = "facts_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(Integer)


class RegisterEntry(Base):
    """An enterprise on a bureau's register of 规上 industrial enterprises."""

    __tablename__ = "register_entries"
    __table_args__ = (Index("ix_register_entries_region_industry", "region_code", "industry_code"),)

    credit_code: Mapped[str] = mapped_column(String(18), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(String(6))
    industry_code: Mapped[str] = mapped_column(String(2))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    imported_by: Mapped[str] = mapped_column(String(100))
