"""Shared building blocks of the questionnaire data model.

Every model in the engine is strict (no silent type coercion), frozen (results and
questionnaires are values, never mutated) and forbids unknown keys, so a typo in a
questionnaire file is an error rather than an ignored field.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.\-]*$", max_length=120)]
"""Stable ASCII identifier: used as widget key, database value and pytest id."""

Confidence = Literal["A", "B", "C"]
"""Source confidence marks of reference/standards.md. Mark D means "do not use" and is refused."""

Lang = Literal["zh", "en"]


class Model(BaseModel):
    """Base class: strict, frozen, no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Text(Model):
    """A user-facing text in Chinese (first) and English."""

    zh: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def get(self, lang: Lang = "zh") -> str:
        """Return the text in ``lang``.

        >>> Text(zh="基础级", en="Basic").get("en")
        'Basic'
        """
        return self.en if lang == "en" else self.zh


class SourceRef(Model):
    """Where a rule, weight or question comes from: a declared document and its clause."""

    doc: Id
    clause: str = ""
