"""Assessments: start one, submit, return, verify; read one and its Result.

Status machine (:data:`TRANSITIONS`)::

    draft ──submit──▶ submitted ──────verify──────▶ verified
                          │                            ▲
                        return                       verify
                          ▼                            │
                       returned ──submit──▶ resubmitted
                          ▲                      │
                          └───────return─────────┘

Answers are saved one by one while the assessment is a draft or returned (:mod:`.drafts`).
Submitting freezes the open revision with the engine's Result snapshot; returning opens a
new draft revision copied from it, so a submitted revision is never edited in place. The
draft's current result is computed on demand (the engine is pure), and can be cached by the
caller with :attr:`AssessmentView.version`. Listings are in :mod:`.listing`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from .. import catalog
from ..engine import ENGINE_VERSION, assess
from ..engine.answers import AnswerError, check_answers
from ..engine.loader import QuestionnaireError
from ..engine.models import Questionnaire
from ..engine.progress import Progress, progress
from ..engine.results import Result
from ..engine.text import control_problem
from ..storage import Database
from ..storage import repositories as repo
from ..storage.tables import Assessment, Organisation, Revision
from . import facts, snapshots
from .access import Access, owns_org, require_assessment, require_org
from .actors import Actor, principal
from .errors import InvalidInput, InvalidState, NotFound, PermissionDenied
from .organisations import OrgInfo

TRANSITIONS = {
    ("draft", "submit"): "submitted",
    ("returned", "submit"): "resubmitted",
    ("submitted", "return"): "returned",
    ("resubmitted", "return"): "returned",
    ("submitted", "verify"): "verified",
    ("resubmitted", "verify"): "verified",
}
EDITABLE = ("draft", "returned")
STATUS_ZH = {"draft": "草稿", "submitted": "已提交", "returned": "已退回修改", "resubmitted": "已重新提交", "verified": "已核实"}


def status_zh(status: str) -> str:
    """The Chinese name of a status, for refusals (never the key 「returned」)."""
    return STATUS_ZH.get(status, status)

MAX_REASON = 2000


@dataclass(frozen=True)
class AssessmentSummary:
    id: int
    organisation_id: int
    organisation_name: str
    questionnaire: str
    status: str
    revision: int
    submitted_revision: int | None
    region_code: str
    industry_code: str
    size_class: str
    production_type: str
    score: float | None
    max_score: float | None
    rung: str | None
    updated_at: datetime
    last_submitted_at: datetime | None

    @classmethod
    def of(cls, a: Assessment, org_name: str) -> AssessmentSummary:
        return cls(
            a.id,
            a.organisation_id,
            org_name,
            a.questionnaire_ref,
            a.status,
            a.revision,
            a.submitted_revision,
            a.region_code,
            a.industry_code,
            a.size_class,
            a.production_type,
            a.score,
            a.max_score,
            a.rung,
            a.updated_at,
            a.last_submitted_at,
        )


@dataclass(frozen=True)
class AssessmentView:
    """An assessment at one revision, as the caller may see it."""

    summary: AssessmentSummary
    revision: int
    answers: dict[str, Any]
    answered: int
    version: int
    editable: bool
    submitted_at: datetime | None
    return_reason: str | None
    access: Access
    progress: Progress
    """Questions asked and answered, overall and per part (the engine's one definition)."""


@dataclass(frozen=True)
class Page:
    items: list[AssessmentSummary]
    total: int


def questionnaire_for(ref: str) -> Questionnaire:
    """The questionnaire of a reference; a pinned ``id@version`` is cached for the process."""
    try:
        return _pinned(ref) if "@" in ref else catalog.load_questionnaire(ref)
    except QuestionnaireError as exc:
        problem = exc.problems[0]
        raise InvalidInput("questionnaire", f"问卷无法加载：{problem}", f"cannot load the questionnaire: {problem}") from None


@lru_cache(maxsize=32)
def _pinned(ref: str) -> Questionnaire:
    return catalog.load_questionnaire(ref)


def _json(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _view(s: Any, a: Assessment, access: Access, number: int | None = None) -> AssessmentView:
    shown = number if number is not None else (a.revision if access == "owner" else a.submitted_revision)
    rev = repo.revision(s, a.id, shown) if shown is not None else None
    if rev is None or (access == "reviewer" and rev.submitted_at is None):
        raise NotFound("revision", number if number is not None else shown)
    org = s.get(Organisation, a.organisation_id)
    profile = OrgInfo.of(org).profile() if org is not None else None
    try:
        done = progress(questionnaire_for(a.questionnaire_ref), rev.answers, profile)
    except AnswerError:  # stored answers that no longer fit their questionnaire: count what is there
        done = Progress(answered=rev.answered, total=rev.answered, parts=())
    return AssessmentView(
        summary=AssessmentSummary.of(a, org.name if org else ""),
        revision=rev.number,
        answers=dict(rev.answers),
        answered=done.answered,
        version=rev.version,
        editable=access == "owner" and rev.submitted_at is None and a.status in EDITABLE,
        submitted_at=rev.submitted_at,
        return_reason=a.return_reason,
        access=access,
        progress=done,
    )


def new_draft(
    s: Session, org: Organisation, q: Questionnaire, now: datetime, user_id: int | None, answers: dict[str, Any] | None = None
) -> Assessment:
    """Insert a new round (assessment row and its first, open revision) in the caller's transaction."""
    a = Assessment(
        organisation_id=org.id,
        questionnaire_id=q.id,
        questionnaire_ref=q.ref,
        status="draft",
        revision=1,
        region_code=org.region_code,
        industry_code=org.industry_code,
        size_class=org.size_class,
        production_type=org.production_type,
        created_at=now,
        updated_at=now,
    )
    s.add(a)
    s.flush()
    filled = answers or {}
    s.add(
        Revision(
            assessment_id=a.id,
            number=1,
            answers=filled,
            answered=len(filled),
            version=1 if filled else 0,
            created_at=now,
            updated_at=now,
            updated_by=user_id,
        )
    )
    return a


def start_assessment(db: Database, actor: Actor, organisation_id: int, questionnaire: str = "smart_factory") -> AssessmentView:
    """Open a new draft of ``questionnaire`` (``id`` = newest version, or ``id@version``)."""
    q = questionnaire_for(questionnaire)
    with db.write() as s:
        p = principal(s, actor)
        org = require_org(s, p, organisation_id)
        if not owns_org(s, p, org.id):
            raise PermissionDenied("为该企业开始评估", "start an assessment for this organisation")
        now = db.clock()
        a = new_draft(s, org, q, now, p.user_id)
        repo.add_audit(
            s,
            at=now,
            actor_id=p.user_id,
            actor=p.username,
            action="assessment.start",
            organisation_id=org.id,
            assessment_id=a.id,
            subject=q.ref,
            detail={},
        )
        s.flush()
        return _view(s, a, "owner")


def _not_editable(status: str) -> InvalidState:
    return InvalidState(
        f"评估状态为「{status_zh(status)}」，不能修改（已提交的评估只能在退回后以新版本修改）",
        f"the assessment is {status}; a submitted assessment changes only in a new revision after it is returned",
    )


def _open_revision(s: Any, a: Assessment) -> Revision:
    if a.status not in EDITABLE:
        raise _not_editable(a.status)
    rev = repo.revision(s, a.id, a.revision)
    assert rev is not None and rev.submitted_at is None
    return rev


def get_assessment(db: Database, actor: Actor, assessment_id: int, revision: int | None = None) -> AssessmentView:
    """The current revision (owner) or the latest submitted one (bureau); or a given revision."""
    with db.read() as s:
        a, access = require_assessment(s, principal(s, actor), assessment_id, "read")
        if access == "reviewer" and revision is not None and (a.submitted_revision is None or revision > a.submitted_revision):
            raise NotFound("revision", revision)
        return _view(s, a, access, revision)


def result(db: Database, actor: Actor, assessment_id: int, revision: int | None = None) -> Result:
    """The Result: the stored snapshot of a submitted revision, or computed for an open draft."""
    with db.read() as s:
        a, access = require_assessment(s, principal(s, actor), assessment_id, "read")
        view = _view(s, a, access, revision)
        rev = repo.revision(s, a.id, view.revision)
        assert rev is not None
        if rev.result_z is not None:
            return snapshots.unpack(rev.result_z)
        org = s.get(Organisation, a.organisation_id)
        assert org is not None
        profile = OrgInfo.of(org).profile()
        answers = dict(rev.answers)
    return assess(questionnaire_for(a.questionnaire_ref), answers, profile)


def submit(db: Database, actor: Actor, assessment_id: int) -> AssessmentView:
    """Submit the open revision: freeze its answers with the engine's Result snapshot."""
    with db.write() as s:
        p = principal(s, actor)
        a, _ = require_assessment(s, p, assessment_id, "owner", for_update=True)
        status = TRANSITIONS.get((a.status, "submit"))
        if status is None:
            raise InvalidState(f"评估状态为「{status_zh(a.status)}」，不能提交", f"the assessment is {a.status}; it cannot be submitted")
        rev = _open_revision(s, a)
        org = s.get(Organisation, a.organisation_id)
        assert org is not None
        info = OrgInfo.of(org)
        q = questionnaire_for(a.questionnaire_ref)
        try:
            res = assess(q, check_answers(q, rev.answers), info.profile())
        except AnswerError as exc:  # only if stored answers no longer fit (should not happen)
            raise InvalidInput(exc.question_id, f"答案无效：{exc.message_zh}", f"invalid answer: {exc.message}") from None
        now = db.clock()
        summary = snapshots.summary(res)
        rev.result_z, rev.summary, rev.engine_version = snapshots.pack(res), summary, ENGINE_VERSION
        rev.profile = {
            "name": info.name,
            "credit_code": info.credit_code,
            "region_code": info.region_code,
            "industry_code": info.industry_code,
            "size_class": info.size_class,
            "production_type": info.production_type,
        }
        rev.submitted_at, rev.submitted_by, rev.updated_at = now, p.user_id, now
        s.flush()  # one UPDATE of the revision while it is still open (submitted rows are frozen)
        a.status, a.submitted_revision, a.return_reason = status, rev.number, None
        a.region_code, a.industry_code, a.size_class, a.production_type = (
            org.region_code,
            org.industry_code,
            org.size_class,
            org.production_type,
        )
        a.score, a.max_score, a.rung, a.rung_rank = res.score, res.max_score, summary["rung"], summary["rung_rank"]
        a.summary = summary
        a.first_submitted_at = a.first_submitted_at or now
        a.last_submitted_at = a.updated_at = now
        repo.add_audit(
            s,
            at=now,
            actor_id=p.user_id,
            actor=p.username,
            action="assessment.submit",
            organisation_id=a.organisation_id,
            assessment_id=a.id,
            subject=status,
            detail={"revision": rev.number, "score": res.score, "rung": summary["rung"]},
        )
        s.flush()
        facts.record_submission(
            s.connection(),
            res,
            status=status,
            submitted_at=now,
            assessment_id=a.id,
            organisation_id=a.organisation_id,
            revision=rev.number,
            profile=rev.profile,
        )
        return _view(s, a, "owner")


def return_assessment(db: Database, actor: Actor, assessment_id: int, reason: str) -> AssessmentView:
    """A bureau returns a submission for correction; a new draft revision is opened."""
    reason = (reason or "").strip()
    problem = control_problem(reason, multiline=True)
    if problem is not None:
        raise InvalidInput("reason", *problem)
    if not reason or len(reason) > MAX_REASON:
        raise InvalidInput("reason", f"请填写退回原因（最多 {MAX_REASON} 字）", f"give a reason (at most {MAX_REASON} characters)")
    with db.write() as s:
        p = principal(s, actor)
        a, access = require_assessment(s, p, assessment_id, "reviewer", for_update=True)
        status = TRANSITIONS.get((a.status, "return"))
        if status is None:
            raise InvalidState(f"评估状态为「{status_zh(a.status)}」，不能退回", f"the assessment is {a.status}; it cannot be returned")
        last = repo.revision(s, a.id, a.revision)
        assert last is not None
        now = db.clock()
        s.add(
            Revision(
                assessment_id=a.id,
                number=a.revision + 1,
                answers=dict(last.answers),
                answered=last.answered,
                version=0,
                created_at=now,
                updated_at=now,
                updated_by=p.user_id,
            )
        )
        a.revision += 1
        a.status, a.return_reason, a.updated_at = status, reason, now
        repo.add_audit(
            s,
            at=now,
            actor_id=p.user_id,
            actor=p.username,
            action="assessment.return",
            organisation_id=a.organisation_id,
            assessment_id=a.id,
            subject=status,
            detail={"revision": last.number, "reason": reason},
        )
        s.flush()
        facts.record_status(s.connection(), a.id, status)
        return _view(s, a, access)


def verify_assessment(db: Database, actor: Actor, assessment_id: int) -> AssessmentView:
    """A bureau confirms a submission (final)."""
    with db.write() as s:
        p = principal(s, actor)
        a, access = require_assessment(s, p, assessment_id, "reviewer", for_update=True)
        status = TRANSITIONS.get((a.status, "verify"))
        if status is None:
            raise InvalidState(f"评估状态为「{status_zh(a.status)}」，不能确认", f"the assessment is {a.status}; it cannot be verified")
        now = db.clock()
        a.status, a.verified_at, a.updated_at = status, now, now
        repo.add_audit(
            s,
            at=now,
            actor_id=p.user_id,
            actor=p.username,
            action="assessment.verify",
            organisation_id=a.organisation_id,
            assessment_id=a.id,
            subject=status,
            detail={"revision": a.submitted_revision},
        )
        s.flush()
        facts.record_status(s.connection(), a.id, status)
        return _view(s, a, access)
