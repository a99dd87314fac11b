"""Which questionnaire version a workbook was made for, and the hook for migrating answers
of an older version to a newer one.

A workbook records its ``questionnaire`` id and ``version`` in the hidden ``_sfa`` sheet.
Its answers are read with *that* version's questionnaire (the rows and choices it was made
with). Afterwards, if a migration from that version is registered here, the answers are
carried to the newer version and the changes reported; without one they stay on their own
version, which is fine as long as it is installed. A version that is not installed is
refused with the reason and the versions that are.

Migrations come from two places. The answer mappings of the questionnaires
(``questionnaires/migrations/<id>/<from>-<to>.yaml``, :func:`assessment.catalog.migration_targets`)
are followed to the newest version they reach, with the engine's
:func:`~assessment.engine.migration.migrate_answers`; notes move with their question (renamed
or split), and a note whose question is gone is reported, not carried silently. Code can also
register a migration (``register_migration``), which wins for its version: it takes
``{question_id: answer}`` of the old version and returns the answers of the new one with one
:class:`Change` per question it dropped, renamed or re-mapped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    """One change made by a migration, said in Chinese and English."""

    question_id: str
    zh: str
    en: str


Migration = Callable[[dict[str, Any]], tuple[dict[str, Any], list[Change]]]
MIGRATIONS: dict[str, tuple[str, Migration]] = {}
"""``id@old_version`` → (``id@new_version``, migration)."""


def register_migration(old_ref: str, new_ref: str, migration: Migration) -> None:
    """Declare how answers of ``old_ref`` become answers of ``new_ref``."""
    MIGRATIONS[old_ref] = (new_ref, migration)


def _catalog_step(
    ref: str, to_ref: str, answers: dict[str, Any], notes: dict[str, str]
) -> tuple[dict[str, Any], dict[str, str], list[Change]]:
    from .. import catalog
    from ..engine.migration import migrate_answers

    mapping = catalog.load_migration(ref, to_ref)
    old, new = catalog.load_questionnaire(ref), catalog.load_questionnaire(to_ref)
    mig = migrate_answers(mapping, old, new, answers)
    changes = [
        Change(c.new_ids[0] if c.new_ids else c.old_id or "", f"{c.label.zh}：{c.message.zh}", f"{c.label.en}: {c.message.en}")
        for c in mig.changes
    ]
    moved: dict[str, str] = {}
    for qid, text in notes.items():
        target = mapping.renamed.get(qid) or (mapping.split[qid][0] if qid in mapping.split else qid)
        if target in new.question_index and qid not in mapping.removed:
            moved[target] = f"{moved[target]}\n{text}" if target in moved else text
        else:
            short = text if len(text) <= 40 else text[:40] + "…"
            changes.append(
                Change(
                    qid, f"备注未迁移（{new.ref} 中已无此题）：{short}", f"note not carried over (no such question in {new.ref}): {short}"
                )
            )
    return dict(mig.answers), moved, changes


def migrate(
    ref: str, answers: dict[str, Any], notes: dict[str, str] | None = None
) -> tuple[str, dict[str, Any], dict[str, str], list[Change]]:
    """Follow migrations from ``ref`` to the newest version: (final ref, answers, notes, every change).

    A mapping file that is broken (:class:`~assessment.engine.loader.QuestionnaireError`) is
    raised to the caller, which reports it as the workbook's problem."""
    changes: list[Change] = []
    notes = dict(notes or {})
    seen = {ref}
    while True:
        if ref in MIGRATIONS:
            new_ref, step = MIGRATIONS[ref]
            answers, more = step(dict(answers))
        else:
            from .. import catalog

            found = catalog.newest_migration_target(ref)
            if found is None:
                break
            new_ref = found
            answers, notes, more = _catalog_step(ref, new_ref, dict(answers), notes)
        changes.extend(more)
        ref = new_ref
        if ref in seen:  # a cycle is a programming error; stop rather than loop
            break
        seen.add(ref)
    return ref, answers, notes, changes
