"""Notes and evidence files: type and size limits, revision scoping, append-only notes."""

from __future__ import annotations

import io
import zipfile

import pytest

from assessment import services as svc
from assessment.services import InvalidInput, InvalidState, PermissionDenied, evidence

from .world import PDF, World


def _xlsx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.pdf", PDF),
        ("photo.JPG", b"\xff\xd8\xff\xe0rest"),
        ("b.xlsx", _xlsx()),
        ("台账.csv", "设备,状态\n".encode()),
        ("scan.png", b"\x89PNG\r\n\x1a\n...."),
    ],
)
def test_evidence__allowed_types__stored_and_read_back(world: World, name: str, data: bytes) -> None:
    ent, aid = world.actor("ent_a"), world.assessments["a_draft"]
    info = svc.add_evidence(world.db, ent, aid, world.qid, f"C:\\Users\\me\\{name}", data)
    assert info.filename == name and info.size == len(data)
    got, content = svc.get_evidence(world.db, world.actor("cons_a"), info.id)
    assert content == data and got.sha256 == info.sha256


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("tool.exe", b"MZ\x90\x00", "not allowed"),
        ("page.html", b"<html>", "not allowed"),
        ("logo.svg", b"<svg/>", "not allowed"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "not a .pdf"),
        ("fake.xlsx", b"PK\x03\x04 broken", "not a .xlsx"),
        ("bin.txt", b"\x00\x01\x02", "not a .txt"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_evidence__wrong_type_or_content__refused(world: World, name: str, data: bytes, words: str) -> None:
    with pytest.raises(InvalidInput) as info:
        svc.add_evidence(world.db, world.actor("ent_a"), world.assessments["a_draft"], world.qid, name, data)
    assert words in str(info.value)


def test_evidence__size_limits(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    ent, aid = world.actor("ent_a"), world.assessments["a_draft"]
    with pytest.raises(InvalidInput, match="larger than"):
        svc.add_evidence(world.db, ent, aid, world.qid, "big.pdf", PDF + b"0" * evidence.MAX_FILE_BYTES)
    monkeypatch.setattr(evidence, "MAX_FILES_PER_ANSWER", 2)
    svc.add_evidence(world.db, ent, aid, world.qid, "second.pdf", PDF)
    with pytest.raises(InvalidInput, match="at most 2 files"):
        svc.add_evidence(world.db, ent, aid, world.qid, "third.pdf", PDF)
    monkeypatch.setattr(evidence, "MAX_BYTES_PER_ASSESSMENT", 3 * len(PDF))
    other = next(q.id for q in svc.assessments.questionnaire_for("sme_digital").questions if q.id != world.qid)
    svc.add_evidence(world.db, ent, aid, other, "third.pdf", PDF)
    with pytest.raises(InvalidInput, match="total at most"):
        svc.add_evidence(world.db, ent, aid, other, "fourth.pdf", PDF)


def test_evidence__submitted_revision__keeps_its_files_and_notes(world: World) -> None:
    ent, bureau, aid = world.actor("ent_a"), world.actor("bur_cd"), world.assessments["a_sub"]
    with pytest.raises(InvalidState):
        svc.add_evidence(world.db, ent, aid, world.qid, "late.pdf", PDF)
    with pytest.raises(InvalidState):
        svc.add_note(world.db, ent, aid, world.qid, "late note")
    svc.return_assessment(world.db, bureau, aid, "补充材料")
    svc.remove_evidence(world.db, ent, world.evidence["a_sub"])
    new = svc.add_evidence(world.db, ent, aid, world.qid, "better.pdf", PDF)
    svc.add_note(world.db, ent, aid, world.qid, "replaced the scan")
    assert [e.filename for e in svc.list_evidence(world.db, ent, aid)] == ["better.pdf"]
    assert [e.filename for e in svc.list_evidence(world.db, ent, aid, revision=1)] == ["a_sub.pdf"]
    assert [e.filename for e in svc.list_evidence(world.db, bureau, aid)] == ["a_sub.pdf"]  # the bureau sees revision 1
    assert [n.text for n in svc.list_notes(world.db, bureau, aid)] == ["note on a_sub"]
    with pytest.raises(svc.NotFound):
        svc.get_evidence(world.db, bureau, new.id)  # not submitted yet
    assert svc.get_evidence(world.db, bureau, world.evidence["a_sub"])[1] == PDF
    svc.submit(world.db, ent, aid)
    assert [e.filename for e in svc.list_evidence(world.db, bureau, aid)] == ["better.pdf"]
    assert [n.text for n in svc.list_notes(world.db, bureau, aid)] == ["note on a_sub", "replaced the scan"]


def test_evidence__removed_from_a_draft__is_gone(world: World) -> None:
    ent, aid = world.actor("ent_a"), world.assessments["a_draft"]
    svc.remove_evidence(world.db, ent, world.evidence["a_draft"])
    assert svc.list_evidence(world.db, ent, aid) == []
    with pytest.raises(svc.NotFound):
        svc.get_evidence(world.db, ent, world.evidence["a_draft"])


def test_note__verified_mark__only_by_consultants(world: World) -> None:
    aid = world.assessments["a_draft"]
    with pytest.raises(PermissionDenied):
        svc.add_note(world.db, world.actor("ent_a"), aid, world.qid, "", kind="verified")
    mark = svc.add_note(world.db, world.actor("cons_a"), aid, world.qid, "", kind="verified")
    assert mark.kind == "verified" and mark.revision == 1
    with pytest.raises(InvalidInput):
        svc.add_note(world.db, world.actor("cons_a"), aid, world.qid, "   ")
    with pytest.raises(InvalidInput):
        svc.add_note(world.db, world.actor("cons_a"), aid, "no.such.question", "text")
