"""Which questionnaire version a workbook was made for, and the hook for migrating answers
of an older version to a newer one.

A workbook records its ``questionnaire`` id and ``version`` in the hidden ``_sfa`` sheet.
Its answers are read with *that* version's questionnaire (the rows and choices it was made
with). Afterwards, if a migration from that version is registered here, the answers are
carried to the newer version and the changes reported; without one they stay on their own
version, which is fine as long as it is installed. A version that is not installed is
refused with the reason and the versions that are.

Migrations are registered by the questionnaire-version work (``register_migration``); a
migration takes ``{question_id: answer}`` of the old version and returns the answers of the
new one with one :class:`Change` per question it dropped, renamed or re-mapped.
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


def migrate(ref: str, answers: dict[str, Any]) -> tuple[str, dict[str, Any], list[Change]]:
    """Follow registered migrations from ``ref``: (final ref, answers, every change)."""
    changes: list[Change] = []
    seen = {ref}
    while ref in MIGRATIONS:
        new_ref, step = MIGRATIONS[ref]
        answers, more = step(dict(answers))
        changes.extend(more)
        ref = new_ref
        if ref in seen:  # a cycle in the registry is a programming error; stop rather than loop
            break
        seen.add(ref)
    return ref, answers, changes
