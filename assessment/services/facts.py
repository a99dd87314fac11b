"""Writing the bureau's facts: what a submitted Result says, flattened for aggregation.

Called by :mod:`.assessments` inside the transaction of submit / return / verify (so a
dashboard never sees a submission without its facts, or facts of a submission that was rolled
back), by migration 0003 to backfill existing submissions, and by the bulk demo loader. The
values are read from the Result only — nothing is recomputed here.

* ``rung`` / ``rung_rank``: the capability tier (智能工厂) or diagnostic level (智改数转) reached,
  0 when none; ``eligible_*``: the tier the enterprise may apply for.
* ``next_missing``: how many capability criteria of the next rung are unmet — the candidate
  list is "rung T with next_missing ≤ N".
* ``fact_criteria.blocking``: the criterion belongs to the next rung, is a capability criterion
  and is not met — ``next_missing`` is the number of such rows of a submission.
* ``scenarios`` / ``scenarios_ai``: the Result's metrics ``scenarios_implemented`` and
  ``scenarios_ai`` when the questionnaire has them (the smart-factory inventory), else None.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.engine import Connection

from ..engine.results import Result
from ..storage.tables_facts import Fact, FactCriterion, FactSection, FactsVersion

CHINA = timedelta(hours=8)
FACTS = cast(Table, Fact.__table__)
CRITERIA = cast(Table, FactCriterion.__table__)
SECTIONS = cast(Table, FactSection.__table__)
VERSION = cast(Table, FactsVersion.__table__)


def period_of(at: datetime) -> str:
    """The quarter of ``at`` in China time (UTC+8).

    >>> period_of(datetime(2026, 3, 31, 17, 0, tzinfo=UTC))
    '2026Q2'
    """
    local = (at.astimezone(UTC) if at.tzinfo else at) + CHINA
    return f"{local.year}Q{(local.month - 1) // 3 + 1}"


def _rank(result: Result, rung_id: str | None) -> int:
    return next((r.rank for r in result.rungs if r.id == rung_id), 0)


def reached(result: Result) -> tuple[str | None, int]:
    """(id, rank) of the highest rung reached on capability; (None, 0) when none."""
    best: tuple[str | None, int] = (None, 0)
    for r in result.rungs:
        if r.reached and r.rank > best[1]:
            best = (r.id, r.rank)
    return best


def fact_values(result: Result, *, assessment_id: int, organisation_id: int, revision: int, profile: dict[str, Any]) -> dict[str, Any]:
    """The facts row of a Result (without status and timestamps)."""
    rung, rank = reached(result)
    nxt = next((r for r in result.rungs if r.rank == rank + 1), None)
    metrics = {m.id: m.value for m in result.metrics}
    region = str(profile["region_code"])
    qid = result.questionnaire.partition("@")[0]

    def count(key: str) -> int | None:
        return round(metrics[key]) if key in metrics else None

    return {
        "assessment_id": assessment_id,
        "organisation_id": organisation_id,
        "revision": revision,
        "questionnaire_id": qid,
        "questionnaire_ref": result.questionnaire,
        "province_code": region[:2] + "0000",
        "city_code": region[:4] + "00",
        "region_code": region,
        "industry_code": str(profile["industry_code"])[:2],
        "size_class": str(profile["size_class"]),
        "production_type": str(profile["production_type"]),
        "grading": result.grading,
        "rung": rung,
        "rung_rank": rank,
        "eligible_rung": result.eligible_tier,
        "eligible_rank": _rank(result, result.eligible_tier),
        "next_rung": nxt.id if nxt else None,
        "next_missing": sum(1 for c in nxt.criteria if c.kind == "capability" and not c.met) if nxt else None,
        "score": result.score,
        "max_score": result.max_score,
        "scenarios": count("scenarios_implemented"),
        "scenarios_ai": count("scenarios_ai"),
    }


def criteria_rows(result: Result, assessment_id: int, *, blocking_column: bool = True) -> list[dict[str, Any]]:
    """The criterion outcomes of a Result; ``blocking_column=False`` leaves out ``blocking``
    (for migration 0003's backfill, which runs before 0005 adds that column)."""
    _, rank = reached(result)
    rows = []
    for r in result.rungs:
        for c in r.criteria:
            row = {
                "assessment_id": assessment_id,
                "criterion_id": c.id,
                "rung_rank": r.rank,
                "eligibility": c.kind == "eligibility",
                "met": c.met,
            }
            if blocking_column:
                row["blocking"] = r.rank == rank + 1 and c.kind == "capability" and not c.met
            rows.append(row)
    return rows


def section_rows(result: Result, assessment_id: int) -> list[dict[str, Any]]:
    return [{"assessment_id": assessment_id, "section_id": s.id, "percent": s.percent} for s in result.sections]


def bump(conn: Connection) -> None:
    """Advance the data version (the dashboards' cache key)."""
    if conn.execute(update(VERSION).where(VERSION.c.id == 1).values(version=VERSION.c.version + 1)).rowcount == 0:
        conn.execute(insert(VERSION).values(id=1, version=1))


def data_version(conn: Connection) -> int:
    return int(conn.execute(select(VERSION.c.version).where(VERSION.c.id == 1)).scalar() or 0)


def record_submission(
    conn: Connection, result: Result, *, status: str, submitted_at: datetime, blocking_column: bool = True, **keys: Any
) -> None:
    """Write (or rewrite) the facts of a submission and supersede earlier rounds of the same
    enterprise and questionnaire version. ``keys``: see :func:`fact_values`; ``blocking_column``:
    see :func:`criteria_rows`."""
    row = fact_values(result, **keys)
    row.update(status=status, submitted_at=submitted_at, period=period_of(submitted_at), superseded_at=None)
    aid = row["assessment_id"]
    conn.execute(delete(CRITERIA).where(CRITERIA.c.assessment_id == aid))
    conn.execute(delete(SECTIONS).where(SECTIONS.c.assessment_id == aid))
    conn.execute(delete(FACTS).where(FACTS.c.assessment_id == aid))
    conn.execute(
        update(FACTS)
        .where(
            FACTS.c.organisation_id == row["organisation_id"],
            FACTS.c.questionnaire_ref == row["questionnaire_ref"],
            FACTS.c.superseded_at.is_(None),
            FACTS.c.submitted_at <= submitted_at,
        )
        .values(superseded_at=submitted_at)
    )
    conn.execute(insert(FACTS), [row])
    crit = criteria_rows(result, aid, blocking_column=blocking_column)
    if crit:
        conn.execute(insert(CRITERIA), crit)
    sections = section_rows(result, aid)
    if sections:
        conn.execute(insert(SECTIONS), sections)
    bump(conn)


def record_status(conn: Connection, assessment_id: int, status: str) -> None:
    """A submission was returned or verified: its facts follow its status."""
    conn.execute(update(FACTS).where(FACTS.c.assessment_id == assessment_id).values(status=status))
    bump(conn)
