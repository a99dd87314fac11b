"""Per-answer notes and evidence files.

Both belong to the revision they were added in, so a submitted revision keeps exactly the
notes and files it was submitted with: a note written later, or a file removed later, only
changes later revisions. Notes are append-only. A consultant's "checked" mark on an answer
is a note of kind ``verified``.

Evidence files are stored in the database (table ``evidence_blobs``), not on the app's
disk, because a provincial deployment runs several app replicas that share only the
database. Limits: :data:`MAX_FILE_BYTES` per file, :data:`MAX_FILES_PER_ANSWER`, and
:data:`MAX_BYTES_PER_ASSESSMENT`; only the types in :data:`ALLOWED` are accepted, and the
content must start like its type (a renamed .exe is refused). No HTML or SVG: they can carry
scripts.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, select

from ..engine.text import control_problem
from ..storage import Database
from ..storage import repositories as repo
from ..storage.tables import AnswerNote, Assessment, EvidenceBlob, EvidenceFile
from .access import Access, require_assessment
from .actors import Actor, principal
from .assessments import EDITABLE, questionnaire_for
from .errors import InvalidInput, InvalidState, NotFound, PermissionDenied

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_ANSWER = 10
MAX_BYTES_PER_ASSESSMENT = 200 * 1024 * 1024
MAX_NOTE = 5000

ALLOWED: dict[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".csv": "text/csv",
    ".txt": "text/plain",
}
_OOXML_PART = {".xlsx": "xl/", ".docx": "word/", ".pptx": "ppt/"}


@dataclass(frozen=True)
class NoteInfo:
    id: int
    question_id: str
    revision: int
    kind: str
    text: str
    author_id: int
    created_at: datetime


@dataclass(frozen=True)
class EvidenceInfo:
    id: int
    assessment_id: int
    question_id: str
    filename: str
    content_type: str
    size: int
    sha256: str
    added_in_revision: int
    created_at: datetime

    @classmethod
    def of(cls, e: EvidenceFile) -> EvidenceInfo:
        return cls(e.id, e.assessment_id, e.question_id, e.filename, e.content_type, e.size, e.sha256, e.added_in_revision, e.created_at)


def _shown_revision(a: Assessment, access: Access, revision: int | None) -> int:
    top = a.revision if access == "owner" else (a.submitted_revision or 0)
    if revision is None:
        return top
    if not 1 <= revision <= top:
        raise NotFound("revision", revision)
    return revision


def _question(a: Assessment, question_id: str) -> None:
    if question_id not in questionnaire_for(a.questionnaire_ref).question_index:
        raise InvalidInput(str(question_id), "问卷中没有这道题", f"no such question in {a.questionnaire_ref}")


def _require_open(a: Assessment) -> None:
    if a.status not in EDITABLE:
        raise InvalidState("已提交的评估不能再添加备注或材料", "notes and files can be added only while the assessment is a draft")


def add_note(db: Database, actor: Actor, assessment_id: int, question_id: str, text: str, *, kind: str = "note") -> NoteInfo:
    """Add a note to an answer; ``kind="verified"`` (consultants only) marks it checked."""
    text = (text or "").strip()
    problem = control_problem(text, multiline=True)
    if problem is not None:
        raise InvalidInput("text", *problem)
    if kind not in ("note", "verified"):
        raise InvalidInput("kind", "类型应为 note 或 verified", "kind must be note or verified")
    if (kind == "note" and not text) or len(text) > MAX_NOTE:
        raise InvalidInput("text", f"备注为 1–{MAX_NOTE} 个字符", f"a note has 1–{MAX_NOTE} characters")
    with db.write() as s:
        p = principal(s, actor)
        a, _ = require_assessment(s, p, assessment_id, "owner", for_update=True)
        if kind == "verified" and p.role != "consultant":
            raise PermissionDenied("标记答案已核实（仅服务商可以）", "mark answers verified (consultants only)")
        _question(a, question_id)
        _require_open(a)
        now = db.clock()
        note = AnswerNote(
            assessment_id=a.id, revision=a.revision, question_id=question_id, kind=kind, text=text, author_id=p.user_id, created_at=now
        )
        s.add(note)
        repo.add_audit(
            s,
            at=now,
            actor_id=p.user_id,
            actor=p.username,
            action=f"answer.{kind}",
            organisation_id=a.organisation_id,
            assessment_id=a.id,
            subject=question_id,
            detail={"revision": a.revision, "text": text},
        )
        s.flush()
        return NoteInfo(note.id, note.question_id, note.revision, note.kind, note.text, note.author_id, note.created_at)


def list_notes(
    db: Database, actor: Actor, assessment_id: int, question_id: str | None = None, revision: int | None = None
) -> list[NoteInfo]:
    with db.read() as s:
        a, access = require_assessment(s, principal(s, actor), assessment_id, "read")
        n = _shown_revision(a, access, revision)
        stmt = select(AnswerNote).where(AnswerNote.assessment_id == a.id, AnswerNote.revision <= n)
        if question_id is not None:
            stmt = stmt.where(AnswerNote.question_id == question_id)
        return [
            NoteInfo(x.id, x.question_id, x.revision, x.kind, x.text, x.author_id, x.created_at)
            for x in s.scalars(stmt.order_by(AnswerNote.id))
        ]


def clean_filename(name: str) -> str:
    """The last path component, without control characters, at most 255 characters."""
    base = re.split(r"[\\/]", str(name))[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C").strip(" .")
    return base[-255:]


def sniff(filename: str, data: bytes) -> str:
    """The content type, if the extension is allowed and the bytes match it; else InvalidInput."""
    ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext not in ALLOWED:
        kinds = " ".join(sorted(ALLOWED))
        raise InvalidInput("file", f"不支持的文件类型，允许：{kinds}", f"file type not allowed; allowed: {kinds}")
    ok: bool
    if ext == ".pdf":
        ok = data.startswith(b"%PDF-")
    elif ext == ".png":
        ok = data.startswith(b"\x89PNG\r\n\x1a\n")
    elif ext in (".jpg", ".jpeg"):
        ok = data.startswith(b"\xff\xd8\xff")
    elif ext in _OOXML_PART:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                ok = any(n.startswith(_OOXML_PART[ext]) for n in z.namelist())
        except zipfile.BadZipFile:
            ok = False
    else:  # text
        try:
            data.decode("utf-8")
            ok = b"\x00" not in data
        except UnicodeDecodeError:
            ok = False
    if not ok:
        raise InvalidInput("file", f"文件内容与扩展名 {ext} 不符", f"the content is not a {ext} file")
    return ALLOWED[ext]


def add_evidence(db: Database, actor: Actor, assessment_id: int, question_id: str, filename: str, data: bytes) -> EvidenceInfo:
    """Attach a file to an answer of the open revision."""
    name = clean_filename(filename)
    if not name:
        raise InvalidInput("file", "缺少文件名", "the file needs a name")
    if not data:
        raise InvalidInput("file", "文件为空", "the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput("file", f"文件超过 {MAX_FILE_BYTES // 2**20} MB", f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
    ctype = sniff(name, data)
    with db.write() as s:
        p = principal(s, actor)
        a, _ = require_assessment(s, p, assessment_id, "owner", for_update=True)
        _question(a, question_id)
        _require_open(a)
        live = [
            EvidenceFile.assessment_id == a.id,
            or_(EvidenceFile.removed_in_revision.is_(None), EvidenceFile.removed_in_revision > a.revision),
        ]
        count = s.scalar(select(func.count()).select_from(EvidenceFile).where(*live, EvidenceFile.question_id == question_id)) or 0
        if count >= MAX_FILES_PER_ANSWER:
            raise InvalidInput("file", f"每道题最多 {MAX_FILES_PER_ANSWER} 个文件", f"at most {MAX_FILES_PER_ANSWER} files per answer")
        total = s.scalar(select(func.coalesce(func.sum(EvidenceFile.size), 0)).where(*live)) or 0
        if total + len(data) > MAX_BYTES_PER_ASSESSMENT:
            raise InvalidInput(
                "file",
                f"每份评估的材料合计不超过 {MAX_BYTES_PER_ASSESSMENT // 2**20} MB",
                f"the files of one assessment total at most {MAX_BYTES_PER_ASSESSMENT // 2**20} MB",
            )
        now = db.clock()
        ev = EvidenceFile(
            assessment_id=a.id,
            question_id=question_id,
            added_in_revision=a.revision,
            filename=name,
            content_type=ctype,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=p.user_id,
            created_at=now,
        )
        s.add(ev)
        s.flush()
        s.add(EvidenceBlob(evidence_id=ev.id, data=data))
        repo.add_audit(
            s,
            at=now,
            actor_id=p.user_id,
            actor=p.username,
            action="evidence.add",
            organisation_id=a.organisation_id,
            assessment_id=a.id,
            subject=question_id,
            detail={"evidence_id": ev.id, "filename": name, "size": len(data), "sha256": ev.sha256},
        )
        return EvidenceInfo.of(ev)


def _visible(e: EvidenceFile, n: int) -> bool:
    return e.added_in_revision <= n and (e.removed_in_revision is None or e.removed_in_revision > n)


def list_evidence(
    db: Database, actor: Actor, assessment_id: int, question_id: str | None = None, revision: int | None = None
) -> list[EvidenceInfo]:
    with db.read() as s:
        a, access = require_assessment(s, principal(s, actor), assessment_id, "read")
        n = _shown_revision(a, access, revision)
        stmt = select(EvidenceFile).where(EvidenceFile.assessment_id == a.id)
        if question_id is not None:
            stmt = stmt.where(EvidenceFile.question_id == question_id)
        return [EvidenceInfo.of(e) for e in s.scalars(stmt.order_by(EvidenceFile.id)) if _visible(e, n)]


def get_evidence(db: Database, actor: Actor, evidence_id: int) -> tuple[EvidenceInfo, bytes]:
    """A file and its bytes (the bureau only sees files of submitted revisions)."""
    with db.read() as s:
        p = principal(s, actor)
        ev = s.get(EvidenceFile, evidence_id) if repo.valid_id(evidence_id) else None
        if ev is None:
            raise NotFound("evidence", evidence_id)
        try:
            a, access = require_assessment(s, p, ev.assessment_id, "read")
        except NotFound:
            raise NotFound("evidence", evidence_id) from None
        if not _visible(ev, _shown_revision(a, access, None)):
            raise NotFound("evidence", evidence_id)
        blob = s.get(EvidenceBlob, ev.id)
        assert blob is not None
        return EvidenceInfo.of(ev), bytes(blob.data)


def remove_evidence(db: Database, actor: Actor, evidence_id: int) -> None:
    """Remove a file from the open revision (earlier, submitted revisions keep it)."""
    with db.write() as s:
        p = principal(s, actor)
        ev = s.get(EvidenceFile, evidence_id) if repo.valid_id(evidence_id) else None
        if ev is None:
            raise NotFound("evidence", evidence_id)
        try:
            a, _ = require_assessment(s, p, ev.assessment_id, "owner", for_update=True)
        except NotFound:
            raise NotFound("evidence", evidence_id) from None
        _require_open(a)
        if not _visible(ev, a.revision):
            raise NotFound("evidence", evidence_id)
        if ev.added_in_revision == a.revision:  # never part of a submitted revision: delete it
            s.execute(delete(EvidenceBlob).where(EvidenceBlob.evidence_id == ev.id))
            s.delete(ev)
        else:
            ev.removed_in_revision = a.revision
        repo.add_audit(
            s,
            at=db.clock(),
            actor_id=p.user_id,
            actor=p.username,
            action="evidence.remove",
            organisation_id=a.organisation_id,
            assessment_id=a.id,
            subject=ev.question_id,
            detail={"evidence_id": evidence_id, "filename": ev.filename},
        )
