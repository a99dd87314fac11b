"""Facts for the bureau's dashboards: one flat row per submission, its criterion outcomes and
section scores, the data version, and the bureau's register of 规上 enterprises.

A **fact** is what one submitted assessment (one enterprise's round of one questionnaire
version) says, copied out of its Result when it is submitted and updated when it is returned
or verified — in the same transaction — so that a dashboard over 100,000 submissions is a few
``GROUP BY`` over indexed columns and never decodes a Result. ``superseded_at`` is set when the
same enterprise submits a later round of the same questionnaire version: the *current* state
is the rows with ``superseded_at IS NULL``; the state at the end of a past period is the rows
submitted before that date and not yet superseded then.

``facts_version`` is a counter bumped by every write to these tables: dashboards cache their
figures per (filter, data version), so a submission shows up at the next page run.

The **register** (企业名录) is the list of 规上 industrial enterprises a bureau imports; the
diagnostic coverage is the share of its enterprises that have a submitted assessment.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from .tables import Base
from .types import UTCDateTime


class Fact(Base):
    """The flat row of one submitted assessment (its latest submitted revision)."""

    __tablename__ = "facts"
    __table_args__ = (
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

    assessment_id: Mapped[int] = mapped_column(ForeignKey("facts.assessment_id"), primary_key=True)
    criterion_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    rung_rank: Mapped[int] = mapped_column(SmallInteger)
    eligibility: Mapped[bool] = mapped_column(Boolean)
    met: Mapped[bool] = mapped_column(Boolean)


class FactSection(Base):
    """The percentage reached in one section, for one submission."""

    __tablename__ = "fact_sections"

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
