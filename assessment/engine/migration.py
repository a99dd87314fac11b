"""Carrying answers from one questionnaire version to the next (e.g. 2025.1 → 2025.2).

A new edition of a standard is a new questionnaire version, so answers given to the old one
have to be carried over — truthfully. The mapping between two versions is data
(questionnaires/migrations/<id>/<from>-<to>.yaml, read by :mod:`assessment.catalog`):

* ``renamed`` — old id → new id, same meaning: the answer moves;
* ``split`` — old id → the new ids of its parts (2025.1 asked several requirements as one
  yes/no). A 是 means every part was in place, so each part becomes 是; a 否 does not say
  which part is missing, so every part becomes unanswered (未作答) and is asked again;
* ``new`` — asked for the first time: unanswered;
* ``removed`` — no longer asked: the answer is dropped.

Every other id must exist in both versions with the same meaning; its answer is kept if it
is still allowed, and dropped (and reported) if not. :func:`check_mapping` proves the mapping
covers both versions; :func:`migrate_answers` is pure and returns the new answers with the
list of what changed, for the CLI (``sfa migrate-answers``) and the web app alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from .answers import AnswerError, check_answer
from .base import Id, Model, Text, make
from .models import Questionnaire

ChangeKind = Literal["renamed", "split", "new", "removed", "dropped"]


class AnswerMapping(Model):
    """How the question ids of ``from`` (``id@version``) map onto those of ``to``."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)

    from_ref: Annotated[str, Field(alias="from", pattern=r"^[a-z0-9_]+@[0-9][0-9A-Za-z.\-]*$")]
    to_ref: Annotated[str, Field(alias="to", pattern=r"^[a-z0-9_]+@[0-9][0-9A-Za-z.\-]*$")]
    renamed: dict[Id, Id] = Field(default_factory=dict)
    split: dict[Id, Annotated[tuple[Id, ...], Field(min_length=2)]] = Field(default_factory=dict)
    new: tuple[Id, ...] = ()
    removed: tuple[Id, ...] = ()


class Change(Model):
    """One question id that changed between the versions, and what became of its answer."""

    kind: ChangeKind
    old_id: str | None = None
    new_ids: tuple[str, ...] = ()
    label: Text
    message: Text


class Migration(Model):
    """Answers carried over to ``to_ref`` and every change, in the new version's order."""

    from_ref: str
    to_ref: str
    answers: dict[str, Any]
    changes: tuple[Change, ...]

    @property
    def changed_ids(self) -> frozenset[str]:
        """Every old and new id named by a change."""
        return frozenset(i for c in self.changes for i in ((c.old_id,) if c.old_id else ()) + c.new_ids)


def check_mapping(m: AnswerMapping, old: Questionnaire, new: Questionnaire) -> list[str]:
    """Problems of ``m`` against the two versions, each naming the key and the id."""
    out: list[str] = []
    if m.from_ref != old.ref:
        out.append(f"from: is {m.from_ref!r}, the old questionnaire is {old.ref!r}")
    if m.to_ref != new.ref:
        out.append(f"to: is {m.to_ref!r}, the new questionnaire is {new.ref!r}")
    old_ids, new_ids = set(old.question_index), set(new.question_index)
    sources = list(m.renamed) + list(m.split) + list(m.removed)
    targets = list(m.renamed.values()) + [t for ts in m.split.values() for t in ts] + list(m.new)
    for key, olds in (("renamed", list(m.renamed)), ("split", list(m.split)), ("removed", list(m.removed))):
        out += [f"{key} › {i}: not a question of {old.ref}" for i in olds if i not in old_ids]
    split_parts = [t for ts in m.split.values() for t in ts]
    for key, ids in (("renamed", list(m.renamed.values())), ("split", split_parts), ("new", list(m.new))):
        out += [f"{key} › {i}: not a question of {new.ref}" for i in ids if i not in new_ids]
    out += [f"{i}: named twice as an old id" for i in {x for x in sources if sources.count(x) > 1}]
    out += [f"{i}: named twice as a new id" for i in {x for x in targets if targets.count(x) > 1}]
    out += [f"new › {i}: already a question of {old.ref}; list it under renamed or split instead" for i in m.new if i in old_ids]
    out += [f"removed › {i}: still a question of {new.ref}" for i in m.removed if i in new_ids]
    for i in sorted(old_ids - new_ids - set(sources)):
        out.append(f"{i}: in {old.ref} but not in {new.ref}; list it under renamed, split or removed")
    for i in sorted(new_ids - old_ids - set(targets)):
        out.append(f"{i}: new in {new.ref}; list it under new, renamed or split")
    for src, parts in m.split.items():
        if src in old_ids and old.question(src).kind != "yesno":
            out.append(f"split › {src}: only yes/no questions can be split (is {old.question(src).kind})")
        out += [f"split › {src} › {p}: a part must be yes/no" for p in parts if p in new_ids and new.question(p).kind != "yesno"]
    return sorted(out)


def _text(zh: str, en: str) -> Text:
    return make(Text, zh=zh, en=en)


def migrate_answers(m: AnswerMapping, old: Questionnaire, new: Questionnaire, answers: Mapping[str, Any]) -> Migration:
    """Carry ``answers`` (given to ``old``) over to ``new``; pure, deterministic.

    ``m`` must have passed :func:`check_mapping`. Answers to ids unknown to ``old`` are
    dropped and reported, never carried silently.
    """
    out: dict[str, Any] = {}
    changes: list[tuple[int, Change]] = []
    order = {qid: n for n, qid in enumerate(new.question_index)}

    def add(pos_id: str, change: Change) -> None:
        changes.append((order.get(pos_id, len(order)), change))

    for qid, value in answers.items():
        if value is None:
            continue
        if qid in m.split:
            parts = m.split[qid]
            label = old.question(qid).label
            if value is True:
                out.update({p: True for p in parts})
                msg = _text(
                    "原为一题，回答“是”：拆分后每一项均记为“是”，请逐项核对", "was one question answered yes: each part is now yes; check"
                )
            else:
                msg = _text("原为一题，回答“否”：拆分后各项记为“未作答”，请逐项作答", "was one question answered no: parts now unanswered")
            add(parts[0], make(Change, kind="split", old_id=qid, new_ids=parts, label=label, message=msg))
        elif qid in m.renamed:
            nid = m.renamed[qid]
            out[nid] = value
            msg = _text("题号变更，答案保留", "id changed, answer kept")
            add(nid, make(Change, kind="renamed", old_id=qid, new_ids=(nid,), label=new.question(nid).label, message=msg))
        elif qid in m.removed:
            msg = _text("新版本不再询问，答案已移除", "no longer asked; answer dropped")
            add(qid, make(Change, kind="removed", old_id=qid, label=old.question(qid).label, message=msg))
        elif qid in new.question_index:
            try:
                out[qid] = _plain(check_answer(new.question(qid), value))
            except AnswerError as exc:
                msg = _text(
                    f"原答案在新版本中无效（{exc.message_zh}），请重新作答", f"old answer not valid in the new version ({exc.message})"
                )
                add(qid, make(Change, kind="dropped", old_id=qid, new_ids=(qid,), label=new.question(qid).label, message=msg))
        else:
            msg = _text(f"{old.ref} 中没有这道题，答案已移除", f"no such question in {old.ref}; answer dropped")
            add(qid, make(Change, kind="dropped", old_id=qid, label=make(Text, zh=qid, en=qid), message=msg))
    # ids that changed although they were not answered: the user still needs to know
    answered_sources = {q for q in answers if answers[q] is not None}
    for src, parts in m.split.items():
        if src not in answered_sources:
            msg = _text("原为一题，拆分为逐项询问（原未作答）", "was one question, now asked part by part (was unanswered)")
            add(parts[0], make(Change, kind="split", old_id=src, new_ids=parts, label=old.question(src).label, message=msg))
    for src, nid in m.renamed.items():
        if src not in answered_sources:
            msg = _text("题号变更（原未作答）", "id changed (was unanswered)")
            add(nid, make(Change, kind="renamed", old_id=src, new_ids=(nid,), label=new.question(nid).label, message=msg))
    for src in m.removed:
        if src not in answered_sources:
            msg = _text("新版本不再询问", "no longer asked")
            add(src, make(Change, kind="removed", old_id=src, label=old.question(src).label, message=msg))
    for nid in m.new:
        msg = _text("新增题目，请作答", "new question; please answer")
        add(nid, make(Change, kind="new", new_ids=(nid,), label=new.question(nid).label, message=msg))
    changes.sort(key=lambda pc: pc[0])
    return make(Migration, from_ref=old.ref, to_ref=new.ref, answers=out, changes=tuple(c for _, c in changes))


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
