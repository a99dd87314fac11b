"""Checking what the database says against what can be proved or recomputed.

* :func:`verify_audit_log` — every audit chain, with the audit key (see
  :mod:`assessment.storage.audit_chain`): the first broken link per chain.
* :func:`verify_results` — the listing columns of every submitted assessment (score,
  max_score, rung, rung_rank, summary) and its revision's summary, re-derived by running the
  engine again on the stored answers and profile with the stored ``questionnaire@version``.
  Anyone with the database file can change a score or tier that listings and dashboards
  show; the answers are the record, so a mismatch is reported, never repaired.

Both are for the operator holding the database (``sfa audit verify``): the system actor only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, select

from ..engine import ENGINE_VERSION, assess
from ..engine.answers import AnswerError, check_answers
from ..engine.models import Profile
from ..storage import Database
from ..storage.audit_chain import canonical
from ..storage.audit_verify import Report, verify
from ..storage.tables import Assessment, Revision
from . import snapshots
from .actors import Actor
from .assessments import questionnaire_for
from .errors import PermissionDenied, ServiceError

COLUMNS = ("score", "max_score", "rung", "rung_rank")


@dataclass(frozen=True)
class Mismatch:
    assessment_id: int
    column: str
    stored: Any
    derived: Any

    def __str__(self) -> str:
        return (
            f"评估 / assessment {self.assessment_id} · {self.column}: "
            f"存储 / stored {canonical(self.stored)} ≠ 重算 / re-derived {canonical(self.derived)}"
        )


@dataclass
class ResultsReport:
    checked: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _operator(actor: Actor) -> None:
    if actor.role != "system":
        raise PermissionDenied("核查数据库（仅限服务器上的 sfa 命令）", "verify the database (the sfa command on the server only)")


def verify_audit_log(db: Database, actor: Actor) -> Report:
    """The audit chains as the key of ``db`` sees them."""
    _operator(actor)
    return verify(db.engine, db.audit.existing_key())


def _profile(stored: dict[str, Any] | None) -> Profile | None:
    if not stored:
        return None
    try:
        return Profile(
            name=stored["name"],
            credit_code=stored["credit_code"],
            region=stored["region_code"],
            industry=stored["industry_code"],
            size=stored["size_class"],
            production_type=stored["production_type"],
        )
    except (KeyError, ValueError):
        return None


def _summary_diff(aid: int, prefix: str, stored: Any, derived: dict[str, Any]) -> Iterator[Mismatch]:
    if not isinstance(stored, dict):
        yield Mismatch(aid, prefix, stored, derived)
        return
    for k in sorted(set(stored) | set(derived)):
        if canonical(stored.get(k)) != canonical(derived.get(k)):
            yield Mismatch(aid, f"{prefix}.{k}", stored.get(k), derived.get(k))


def verify_results(db: Database, actor: Actor) -> ResultsReport:
    """Re-derive every submitted assessment's listing columns; report each mismatch."""
    _operator(actor)
    report = ResultsReport()
    stmt = (
        select(Assessment, Revision)
        .join(Revision, and_(Revision.assessment_id == Assessment.id, Revision.number == Assessment.submitted_revision))
        .where(Assessment.submitted_revision.is_not(None))
        .order_by(Assessment.id)
    )
    with db.read() as s:
        for a, rev in s.execute(stmt.execution_options(yield_per=500)):
            report.checked += 1
            profile = _profile(rev.profile)
            if profile is None:
                report.mismatches.append(Mismatch(a.id, "revision.profile", rev.profile, "—"))
                continue
            try:
                q = questionnaire_for(a.questionnaire_ref)
                res = assess(q, check_answers(q, rev.answers), profile)
            except (AnswerError, ServiceError) as exc:
                report.mismatches.append(Mismatch(a.id, "revision.answers", "—", str(exc)))
                continue
            derived = snapshots.summary(res)
            for col in COLUMNS:
                if canonical(getattr(a, col)) != canonical(derived[col]):
                    report.mismatches.append(Mismatch(a.id, col, getattr(a, col), derived[col]))
            report.mismatches.extend(_summary_diff(a.id, "summary", a.summary, derived))
            report.mismatches.extend(_summary_diff(a.id, "revision.summary", rev.summary, derived))
            if rev.engine_version and rev.engine_version != ENGINE_VERSION:
                report.notes.append(
                    f"评估 / assessment {a.id}: 提交时引擎 {rev.engine_version}，现为 {ENGINE_VERSION} / "
                    f"submitted with engine {rev.engine_version}, re-derived with {ENGINE_VERSION}"
                )
    return report
