"""Moving a draft to a newer questionnaire version (e.g. smart_factory 2025.1 → 2025.2).

An enterprise that opens a draft of an older version is offered the newer one, with the
list of what changed (:func:`migration_offer`, a preview computed by the engine's pure
:func:`~assessment.engine.migration.migrate_answers`). Accepting (:func:`migrate_draft`)
creates a *new* draft of the newer version with the carried-over answers; the old draft is
left as it was (its answers, revisions and audit trail stay readable), and submitted
assessments are never touched: they keep their questionnaire version and result snapshot.
Both steps need owner access (the enterprise itself, or a linked consultant).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import catalog
from ..engine.loader import QuestionnaireError
from ..engine.migration import Change, Migration, migrate_answers
from ..storage import Database
from ..storage import repositories as repo
from ..storage.tables import Assessment, AuditEntry, Revision
from .access import require_assessment
from .actors import Actor, principal
from .assessments import EDITABLE, AssessmentView, _view, questionnaire_for
from .errors import InvalidInput, InvalidState


@dataclass(frozen=True)
class MigrationOffer:
    """A newer version this draft can move to, what would change, and any earlier move."""

    assessment_id: int
    from_ref: str
    to_ref: str
    changes: tuple[Change, ...]
    carried: int
    """Answers carried over (of ``answered`` given to the old version)."""
    answered: int
    migrated_to: int | None
    """The draft already created from this one for ``to_ref``, if any."""


@dataclass(frozen=True)
class MigratedDraft:
    view: AssessmentView
    from_assessment_id: int
    changes: tuple[Change, ...]


def _earlier(s: Session, assessment_id: int, to_ref: str) -> int | None:
    rows = s.execute(
        select(AuditEntry.detail).where(AuditEntry.assessment_id == assessment_id, AuditEntry.action == "assessment.migrate")
    ).scalars()
    for detail in rows:
        if detail.get("to") == to_ref and isinstance(detail.get("new_assessment_id"), int):
            return int(detail["new_assessment_id"])
    return None


def migration_offer(db: Database, actor: Actor, assessment_id: int) -> MigrationOffer | None:
    """The newer version an editable draft of an older one can move to; None if there is none."""
    with db.read() as s:
        a, _ = require_assessment(s, principal(s, actor), assessment_id, "owner")
        if a.status not in EDITABLE:
            return None
        to_ref = catalog.newest_migration_target(a.questionnaire_ref)
        if to_ref is None:
            return None
        rev = repo.revision(s, a.id, a.revision)
        answers = dict(rev.answers) if rev is not None else {}
        earlier = _earlier(s, a.id, to_ref)
    mig = _migrate(a.questionnaire_ref, to_ref, answers)
    return MigrationOffer(a.id, a.questionnaire_ref, to_ref, mig.changes, len(mig.answers), len(answers), earlier)


def _migrate(from_ref: str, to_ref: str, answers: dict[str, Any]) -> Migration:
    try:
        mapping = catalog.load_migration(from_ref, to_ref)
    except QuestionnaireError as exc:
        raise InvalidInput("questionnaire", f"无法迁移：{exc.problems[0]}", f"cannot migrate: {exc.problems[0]}") from None
    return migrate_answers(mapping, questionnaire_for(from_ref), questionnaire_for(to_ref), answers)


def migrate_draft(db: Database, actor: Actor, assessment_id: int, to_ref: str) -> MigratedDraft:
    """Create a draft of ``to_ref`` carrying this draft's answers over; the old one stays."""
    with db.write() as s:
        p = principal(s, actor)
        a, _ = require_assessment(s, p, assessment_id, "owner", for_update=True)
        if a.status not in EDITABLE:
            raise InvalidState(
                f"评估状态为「{a.status}」：已提交的评估保持原问卷版本，不能迁移",
                f"the assessment is {a.status}: a submitted assessment keeps its questionnaire version",
            )
        if to_ref not in catalog.migration_targets(a.questionnaire_ref):
            raise InvalidInput(
                "to_ref",
                f"{a.questionnaire_ref} 不能迁移到 {to_ref}",
                f"{a.questionnaire_ref} cannot be migrated to {to_ref}",
            )
        earlier = _earlier(s, a.id, to_ref)
        if earlier is not None:
            raise InvalidState(
                f"该草稿已迁移为 {to_ref} 的评估 #{earlier}，请打开该评估继续填写",
                f"this draft was already moved to {to_ref} as assessment #{earlier}; continue there",
            )
        rev = repo.revision(s, a.id, a.revision)
        mig = _migrate(a.questionnaire_ref, to_ref, dict(rev.answers) if rev is not None else {})
        new_q = questionnaire_for(to_ref)
        now = db.clock()
        b = Assessment(
            organisation_id=a.organisation_id,
            questionnaire_id=new_q.id,
            questionnaire_ref=new_q.ref,
            status="draft",
            revision=1,
            region_code=a.region_code,
            industry_code=a.industry_code,
            size_class=a.size_class,
            production_type=a.production_type,
            created_at=now,
            updated_at=now,
        )
        s.add(b)
        s.flush()
        s.add(
            Revision(
                assessment_id=b.id,
                number=1,
                answers=dict(mig.answers),
                answered=len(mig.answers),
                version=1,
                created_at=now,
                updated_at=now,
                updated_by=p.user_id,
            )
        )
        for aid, detail in (
            (a.id, {"to": new_q.ref, "new_assessment_id": b.id, "changes": len(mig.changes)}),
            (b.id, {"from": a.questionnaire_ref, "from_assessment_id": a.id, "changed_ids": sorted(mig.changed_ids)}),
        ):
            repo.add_audit(
                s,
                at=now,
                actor_id=p.user_id,
                actor=p.username,
                action="assessment.migrate",
                organisation_id=a.organisation_id,
                assessment_id=aid,
                subject=new_q.ref,
                detail=detail,
            )
        s.flush()
        return MigratedDraft(_view(s, b, "owner"), a.id, mig.changes)
