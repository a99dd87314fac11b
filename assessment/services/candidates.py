"""Candidates for support, and progress toward the targets.

**Candidates**: enterprises whose capability rung is T and who miss at most N capability
criteria of rung T+1 (the smart-factory tiers, or the SME diagnostic levels — whatever ladder
the view's questionnaire has). For each: what is missing (the unmet criteria of T+1, from the
facts' criterion outcomes), whether it may apply for the tier it has reached (eligibility),
and its consultant(s). This is the list a bureau uses to target support.

**Progress**: each target of the view's area (:mod:`assessment.targets`) measured on the
current state: coverage from the register, rung counts and AI scenarios from the newest
version of the target's questionnaire that has submissions in the area — named beside the
figure, never summed across versions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import cast

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection

from .. import targets as targets_data
from ..catalog import _version_key
from ..storage import Database
from ..storage.tables import ConsultantClient, Organisation, User
from .actors import Actor
from .bureau import Filters, cached, conditions, cut_of, dashboard, questionnaires, scope
from .errors import InvalidInput
from .facts import CRITERIA, FACTS
from .register import coverage

F = FACTS.c
ORGS = cast(Table, Organisation.__table__)
LINKS = cast(Table, ConsultantClient.__table__)
USERS = cast(Table, User.__table__)
MAX_MISSING = 20


@dataclass(frozen=True)
class Candidate:
    assessment_id: int
    organisation_id: int
    name: str
    credit_code: str
    region_code: str
    industry_code: str
    rung: str | None
    rung_rank: int
    eligible_rung: str | None
    eligible: bool
    """May apply for the rung reached (its eligibility criteria hold too)."""
    next_rung: str
    missing: tuple[str, ...]
    """Criterion ids of ``next_rung`` that are unmet (capability)."""
    score: float
    status: str
    consultants: tuple[str, ...]


def candidates(
    db: Database, actor: Actor, filters: Filters, *, rung_rank: int | None = None, max_missing: int = 2, limit: int = 10_000
) -> list[Candidate]:
    """Enterprises at rung ``rung_rank`` (any rung when None) missing ≤ ``max_missing`` criteria
    of the next rung, fewest missing first, then highest score."""
    if not 0 <= max_missing <= MAX_MISSING:
        raise InvalidInput("max_missing", f"应在 0–{MAX_MISSING} 之间", f"must be 0–{MAX_MISSING}")
    sc = scope(db, actor, filters)

    def compute(conn: Connection) -> list[Candidate]:
        conds = [*conditions(sc, filters, cut_of(filters)), F.next_missing.is_not(None), F.next_missing <= max_missing]
        if rung_rank is not None:
            conds.append(F.rung_rank == rung_rank)
        stmt = (
            select(
                F.assessment_id,
                F.organisation_id,
                ORGS.c.name,
                ORGS.c.credit_code,
                F.region_code,
                F.industry_code,
                F.rung,
                F.rung_rank,
                F.eligible_rung,
                F.eligible_rank,
                F.next_rung,
                F.score,
                F.status,
            )
            .select_from(FACTS.join(ORGS, ORGS.c.id == F.organisation_id))
            .where(*conds)
            .order_by(F.next_missing, F.score.desc(), F.assessment_id)
            .limit(limit)
        )
        rows = conn.execute(stmt).all()
        missing: dict[int, list[str]] = {}
        people: dict[int, list[str]] = {}
        C = CRITERIA.c
        who = func.coalesce(func.nullif(USERS.c.display_name, ""), USERS.c.username)
        # PostgreSQL: when every match is listed, their details come by the same conditions, a
        # join each (an IN list of thousands of parameters costs it more than the join); SQLite
        # looks ids up faster than it re-reads the view
        if len(rows) < limit and conn.dialect.name == "postgresql":
            crit_q = (  # the blocking rows: unmet capability criteria of the next rung (a partial index)
                select(C.assessment_id, C.criterion_id)
                .select_from(FACTS.join(CRITERIA, C.assessment_id == F.assessment_id))
                .where(*conds, C.blocking)
                .order_by(C.assessment_id, C.criterion_id)
            )
            linked = FACTS.join(LINKS, LINKS.c.organisation_id == F.organisation_id).join(USERS, USERS.c.id == LINKS.c.consultant_id)
            people_q = (
                select(LINKS.c.organisation_id, USERS.c.username, who)
                .select_from(linked)
                .where(*conds, USERS.c.active.is_(True))
                .distinct()
                .order_by(LINKS.c.organisation_id, USERS.c.username)
            )
            crit_qs, people_qs = [crit_q], [people_q]
        else:  # the first ``limit`` only: by their ids
            ids = [r[0] for r in rows]
            orgs = sorted({r[1] for r in rows})
            crit_qs = [
                select(C.assessment_id, C.criterion_id)
                .where(C.assessment_id.in_(ids[i : i + 2000]), C.blocking)
                .order_by(C.assessment_id, C.criterion_id)
                for i in range(0, len(ids), 2000)
            ]
            people_qs = [
                select(LINKS.c.organisation_id, USERS.c.username, who)
                .select_from(LINKS.join(USERS, USERS.c.id == LINKS.c.consultant_id))
                .where(LINKS.c.organisation_id.in_(orgs[i : i + 2000]), USERS.c.active.is_(True))
                .order_by(LINKS.c.organisation_id, USERS.c.username)
                for i in range(0, len(orgs), 2000)
            ]
        for q in crit_qs:
            for aid, cid in conn.execute(q):
                missing.setdefault(aid, []).append(cid)
        for q in people_qs:
            for row in conn.execute(q):  # (organisation, username, name shown)
                people.setdefault(row[0], []).append(row[2])
        none: tuple[str, ...] = ()
        return [  # rows unpacked by position: a Row's attribute lookups cost more than the rest
            Candidate(
                aid,
                oid,
                name,
                code,
                region,
                industry,
                rung,
                rank,
                eligible_rung,
                eligible_rank >= rank and rank > 0,
                next_rung,
                tuple(missing[aid]) if aid in missing else none,
                score,
                status,
                tuple(people[oid]) if oid in people else none,
            )
            for aid, oid, name, code, region, industry, rung, rank, eligible_rung, eligible_rank, next_rung, score, status in rows
        ]

    return cached(db, ("candidates", sc.jurisdiction, filters, rung_rank, max_missing, limit), compute)


@dataclass(frozen=True)
class Progress:
    target: targets_data.Target
    set_id: str
    value: float | None
    """Where the area stands (None: nothing to measure yet, e.g. no register imported)."""
    eligible: int | None
    """For rung targets: how many of them may apply."""
    questionnaire: str | None
    """The questionnaire version the figure was counted on."""

    @property
    def percent(self) -> float | None:
        return None if self.value is None else min(100.0, 100.0 * self.value / self.target.value)


def _newest(refs: list[str], qid: str) -> str | None:
    versions = [r for r in refs if r.partition("@")[0] == qid]
    return max(versions, key=lambda r: _version_key(r.partition("@")[2])) if versions else None


def progress(db: Database, actor: Actor, filters: Filters) -> list[Progress]:
    """Progress toward every target set of the view's area (its region, else the jurisdiction)."""
    sc = scope(db, actor, filters)
    refs = [r for r, _ in questionnaires(db, actor)]
    out: list[Progress] = []
    for ts in targets_data.for_area(sc.area):
        for t in ts.targets:
            if t.measure == "coverage_percent":
                cov = coverage(db, actor, filters)
                out.append(Progress(t, ts.id, cov.percent, None, None))
                continue
            ref = _newest(refs, t.questionnaire or "")
            if ref is None:
                out.append(Progress(t, ts.id, None, None, None))
                continue
            view = replace(filters, questionnaire=ref, status=None)
            head = dashboard(db, actor, view).headline
            if t.measure == "rung_at_least":
                from .assessments import questionnaire_for

                q = questionnaire_for(ref)
                rank = next((r.rank for r in q.grading.rungs if r.id == t.rung), None)
                if rank is None:
                    raise InvalidInput("targets", f"问卷 {ref} 没有等级 {t.rung}", f"{ref} has no rung {t.rung}")
                out.append(Progress(t, ts.id, float(head.at_least(rank)), head.eligible_at_least(rank), ref))
            else:
                out.append(Progress(t, ts.id, float(head.scenarios_ai), None, ref))
    return out


__all__ = ["Candidate", "Progress", "candidates", "progress"]
