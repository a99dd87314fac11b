"""Importing a round filled in offline (an Excel workbook or an answers file) as a new
assessment of a client enterprise.

The file has been read and checked already (:mod:`assessment.io`); here the client is found
by its 统一社会信用代码 among the organisations the caller owns (an enterprise: its own; a
consultant: its linked clients), the answers are checked once more by the engine, and the
new draft — answers and notes — is written in **one transaction**: an import either saves
everything or nothing. The audit log records the import with the source file's name and
every answer, so the trail shows who entered what.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from ..engine.answers import AnswerError, check_answers
from ..engine.text import control_problem
from ..storage import Database
from ..storage import repositories as repo
from ..storage.tables import AnswerNote, Organisation
from .access import owns_org
from .actors import Actor, principal
from .assessments import _json, new_draft, questionnaire_for
from .errors import InvalidInput, NotFound, PermissionDenied
from .evidence import MAX_NOTE
from .organisations import OrgInfo


@dataclass(frozen=True)
class ImportedAssessment:
    assessment_id: int
    organisation: OrgInfo
    questionnaire: str
    answered: int
    notes: int


def _client(s: Session, p: Actor, credit_code: str) -> Organisation:
    code = credit_code.strip().upper()
    if p.role == "enterprise":
        org = s.get(Organisation, p.organisation_id) if p.organisation_id is not None else None
        if org is None:
            raise PermissionDenied("导入评估（账户未关联企业）", "import an assessment (the account has no organisation)")
        if code and code != org.credit_code:
            raise InvalidInput(
                "credit_code",
                f"文件中的统一社会信用代码 {code} 不是本企业的（{org.credit_code}）",
                f"the file's credit code {code} is not your organisation's ({org.credit_code})",
            )
        return org
    if p.role != "consultant":
        raise PermissionDenied("导入评估（仅企业用户或诊断服务商可以）", "import assessments (enterprise users and consultants only)")
    if not code:
        raise InvalidInput(
            "credit_code", "请在「企业信息」中填写统一社会信用代码，用于匹配客户企业", "fill in the credit code: it matches the client"
        )
    org = repo.org_by_credit_code(s, code)
    if org is None or not owns_org(s, p, org.id):
        raise NotFound("organisation", code)
    return org


def import_assessment(
    db: Database,
    actor: Actor,
    *,
    questionnaire: str,
    credit_code: str,
    answers: Mapping[str, Any],
    notes: Mapping[str, str] | None = None,
    source: str = "",
) -> ImportedAssessment:
    """A new draft round for the client with ``credit_code``, with these answers and notes."""
    q = questionnaire_for(questionnaire)
    try:
        checked = {k: _json(v) for k, v in check_answers(q, answers).items()}
    except AnswerError as exc:
        raise InvalidInput(exc.question_id, f"答案无效：{exc.message_zh}", f"invalid answer: {exc.message}") from None
    notes = dict(notes or {})
    for qid, text in notes.items():
        if qid not in q.question_index:
            raise InvalidInput(qid, f"问卷 {q.ref} 中没有这道题", f"no such question in {q.ref}")
        problem = control_problem(text, multiline=True)
        if problem is not None:
            raise InvalidInput(qid, *problem)
        if not text or len(text) > MAX_NOTE:
            raise InvalidInput(qid, f"备注为 1–{MAX_NOTE} 个字符", f"a note has 1–{MAX_NOTE} characters")
    with db.write() as s:
        p = principal(s, actor)
        org = _client(s, p, credit_code)
        now = db.clock()
        a = new_draft(s, org, q, now, p.user_id, checked)
        for qid, text in notes.items():
            s.add(AnswerNote(assessment_id=a.id, revision=1, question_id=qid, kind="note", text=text, author_id=p.user_id, created_at=now))
        for action, detail in (
            ("assessment.start", {}),
            ("assessment.import", {"source": source[:255], "answers": checked, "notes": sorted(notes)}),
        ):
            repo.add_audit(
                s,
                at=now,
                actor_id=p.user_id,
                actor=p.username,
                action=action,
                organisation_id=org.id,
                assessment_id=a.id,
                subject=q.ref,
                detail=detail,
            )
        s.flush()
        return ImportedAssessment(a.id, OrgInfo.of(org), q.ref, len(checked), len(notes))
