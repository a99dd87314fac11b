"""Saving a draft answer by answer — the hot path of the whole application.

Every answer a user gives is saved at once, in its own short transaction, after the
engine's ``check_answer``: a crash (or a closed browser tab) loses at most the answer being
saved. The transaction holds SQLite's single write lock, or the assessment's and revision's
row locks on PostgreSQL, so it is kept to three prepared statements.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, exists, select, update

from ..engine.answers import AnswerError, check_answer
from ..storage import Database
from ..storage.repositories import valid_id
from ..storage.tables import Assessment, ConsultantClient, Revision, User
from .access import access_rule, check_access
from .actors import Actor, principal
from .assessments import EDITABLE, _json, _not_editable, questionnaire_for
from .errors import EditConflict, InvalidInput, NotFound


@dataclass(frozen=True)
class Saved:
    """What a save changed: the draft's new ``version`` (a cache key for its result)."""

    assessment_id: int
    revision: int
    version: int
    answered: int
    changed: int


# The hot path's one query, built once: the acting account, the assessment row (locked),
# its current revision's answers and whether the account is a consultant linked to the
# organisation — a single round trip instead of four.
_SAVE_CONTEXT = (
    select(
        User.id.label("user_id"),
        User.username,
        User.role,
        User.organisation_id.label("user_org"),
        User.jurisdiction,
        Assessment.organisation_id,
        Assessment.submitted_revision,
        Assessment.region_code,
        Assessment.status,
        Assessment.revision,
        Assessment.questionnaire_ref,
        Revision.id.label("rev_id"),
        Revision.answers,
        Revision.answer_marks,
        Revision.version,
        exists()
        .where(ConsultantClient.consultant_id == User.id, ConsultantClient.organisation_id == Assessment.organisation_id)
        .label("linked"),
    )
    .select_from(Assessment)
    .join(Revision, and_(Revision.assessment_id == Assessment.id, Revision.number == Assessment.revision))
    .join(User, User.id == bindparam("uid"))
    .where(Assessment.id == bindparam("aid"), User.active.is_(True), User.session_version == bindparam("sv"))
    # Lock the revision row too: on PostgreSQL a statement that waited for a lock re-reads
    # only the rows it locks, so the answers must be one of them or a queued save would
    # overwrite the previous one with stale answers.
    .with_for_update(of=[Assessment, Revision])
)
_SAVE_UPDATE_REV = (
    update(Revision)
    .where(Revision.id == bindparam("rid"))
    .values(
        answers=bindparam("new_answers", type_=Revision.__table__.c.answers.type),
        answered=bindparam("n_answered"),
        answer_marks=bindparam("new_marks", type_=Revision.__table__.c.answer_marks.type),
        version=bindparam("new_version"),
        updated_at=bindparam("now", type_=Revision.__table__.c.updated_at.type),
        updated_by=bindparam("uid"),
    )
)


def save_answers(
    db: Database, actor: Actor, assessment_id: int, answers: Mapping[str, Any], *, seen_version: int | None = None
) -> Saved:
    """Save several answers in one transaction (``None`` clears one); each is checked by the engine.

    ``seen_version`` is the draft version at which the editor last saw these answers (the
    web app passes it; an import that means to overwrite passes None). An answer that
    somebody changed after that version is not overwritten: :class:`EditConflict` names
    who changed it and when, and carries the current value for the page to show.

    This is the hot path (every answer a user gives), and its transaction holds SQLite's only
    write lock (or the assessment's row lock on PostgreSQL), so it is a few prepared
    statements on a Connection: read the context (account, assessment, answers, link),
    write the answers, append one sealed audit entry per changed answer (lock the
    assessment's audit-chain head, insert, advance the head). ``assessments.updated_at``
    is not touched: it records status changes; the draft's edit time is the revision's.
    """
    if not valid_id(assessment_id):
        raise NotFound("assessment", assessment_id)
    with db.write_conn() as conn:
        row = conn.execute(_SAVE_CONTEXT, {"uid": actor.user_id, "aid": assessment_id, "sv": actor.session_version}).one_or_none()
        if row is None:
            principal(conn, actor)  # a disabled account is told so
            # On PostgreSQL a save that waited while the assessment was returned finds its
            # old revision gone from the join; a fresh statement sees the new one.
            row = conn.execute(_SAVE_CONTEXT, {"uid": actor.user_id, "aid": assessment_id, "sv": actor.session_version}).one_or_none()
        if row is None:
            raise NotFound("assessment", assessment_id)
        p = Actor(row.user_id, row.username, row.role, row.user_org, row.jurisdiction, actor.session_version)
        check_access(assessment_id, access_rule(p, row, bool(row.linked)), "owner")
        q = questionnaire_for(row.questionnaire_ref)
        checked: dict[str, Any] = {}
        for qid, value in answers.items():
            question = q.question_index.get(qid) if isinstance(qid, str) else None
            if question is None:
                raise InvalidInput(str(qid), f"问卷 {q.ref} 中没有这道题", f"no such question in {q.ref}")
            try:
                checked[qid] = _json(check_answer(question, value))
            except AnswerError as exc:
                raise InvalidInput(qid, f"答案无效：{exc.message_zh}", f"invalid answer: {exc.message}") from None
        if row.status not in EDITABLE:
            raise _not_editable(row.status)
        number, version = row.revision, row.version
        new = dict(row.answers)
        marks = dict(row.answer_marks or {})
        now = db.clock()
        audit = []
        for qid, value in checked.items():
            old = new.get(qid)
            if old == value:
                continue
            mark = marks.get(qid)
            if seen_version is not None and mark is not None and int(mark[0]) > seen_version:
                question = q.question_index[qid]
                at = str(mark[2])[:16].replace("T", " ") + " UTC"
                raise EditConflict(qid, question.label.zh, question.label.en, str(mark[1]), at, old, int(mark[0]))
            marks[qid] = [version + 1, p.username, now.isoformat(timespec="seconds")]
            if value is None:
                new.pop(qid, None)
            else:
                new[qid] = value
            detail = {"revision": number, "old": old, "new": value}
            audit.append(
                {
                    "at": now,
                    "actor_id": p.user_id,
                    "actor": p.username,
                    "action": "answer.save",
                    "organisation_id": row.organisation_id,
                    "assessment_id": assessment_id,
                    "subject": qid,
                    "detail": detail,
                }
            )
        if not audit:
            return Saved(assessment_id, number, version, len(new), 0)
        conn.execute(
            _SAVE_UPDATE_REV,
            {
                "rid": row.rev_id,
                "new_answers": new,
                "new_marks": marks,
                "n_answered": len(new),
                "new_version": version + 1,
                "now": now,
                "uid": p.user_id,
            },
        )
        db.audit.append(conn, audit)  # sealed, chained to the assessment's audit chain
        return Saved(assessment_id, number, version + 1, len(new), len(audit))


def save_answer(
    db: Database, actor: Actor, assessment_id: int, question_id: str, value: Any, *, seen_version: int | None = None
) -> Saved:
    """Save one answer as it is given (``None`` clears it); see :func:`save_answers`."""
    return save_answers(db, actor, assessment_id, {question_id: value}, seen_version=seen_version)
