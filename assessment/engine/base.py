"""Shared building blocks of the questionnaire data model.

Every model in the engine is strict (no silent type coercion), frozen (results and
questionnaires are values, never mutated) and forbids unknown keys, so a typo in a
questionnaire file is an error rather than an ignored field.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.\-]*$", max_length=120)]
"""Stable ASCII identifier: used as widget key, database value and pytest id."""

Confidence = Literal["A", "B", "C"]
"""Source confidence marks of reference/standards.md. Mark D means "do not use" and is refused."""

Lang = Literal["zh", "en"]


class Model(BaseModel):
    """Base class: strict, frozen, no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


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


M = TypeVar("M", bound=BaseModel)
_DEFAULTS: dict[type[BaseModel], dict[str, Any]] = {}


def make(cls: type[M], **data: Any) -> M:
    """Build a result object from values the engine computed itself, without re-validation.

    This is pydantic's ``model_construct`` without its generic overhead (the engine builds
    hundreds of result objects per assessment and the 2 ms budget cannot afford validation).
    Inputs come from validated questionnaires and answers; tests round-trip every result
    through JSON validation to keep it honest.
    """
    defaults = _DEFAULTS.get(cls)
    if defaults is None:
        defaults = _DEFAULTS[cls] = {name: info.get_default(call_default_factory=False) for name, info in cls.__pydantic_fields__.items()}
    values = {**defaults, **data}
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(data))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj
