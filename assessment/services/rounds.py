"""Rounds: the successive assessments of one enterprise with one questionnaire.

Rounds are numbered per organisation **and** questionnaire id (any version) in the order
they were *created* — not by when they were last changed, so correcting last year's round
never makes it "newer" than this year's. The previous round is the one created just before;
its Result (submitted snapshot or current draft, as the caller may see it) is compared with
this round's by the engine's pure :func:`~assessment.engine.compare.compare_rounds`.

A bureau sees only submitted rounds, so its numbering and "previous" skip drafts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..engine.compare import RoundComparison, compare_rounds
from ..storage import Database
from ..storage.tables import Assessment
from .access import SUBMITTED, require_assessment
from .actors import Actor, principal


@dataclass(frozen=True)
class RoundInfo:
    assessment_id: int
    number: int
    count: int
    previous_id: int | None


def round_info(db: Database, actor: Actor, assessment_id: int) -> RoundInfo:
    """Which round ``assessment_id`` is, of how many, and the round before it."""
    with db.read() as s:
        a, access = require_assessment(s, principal(s, actor), assessment_id, "read")
        conds = [Assessment.organisation_id == a.organisation_id, Assessment.questionnaire_id == a.questionnaire_id]
        if access == "reviewer":
            conds.append(SUBMITTED)
        ids = list(s.scalars(select(Assessment.id).where(*conds).order_by(Assessment.created_at, Assessment.id)))
    i = ids.index(a.id) if a.id in ids else len(ids)
    return RoundInfo(a.id, i + 1, len(ids), ids[i - 1] if i > 0 else None)


def compare_with_previous(db: Database, actor: Actor, assessment_id: int) -> tuple[RoundInfo, RoundComparison | None]:
    """This round's number and its comparison with the previous round (None for the first)."""
    from .assessments import result

    info = round_info(db, actor, assessment_id)
    if info.previous_id is None:
        return info, None
    return info, compare_rounds(result(db, actor, info.previous_id), result(db, actor, assessment_id))
