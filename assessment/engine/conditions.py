"""Rule conditions: the small vocabulary in which tier and level rules are written.

A questionnaire never contains code. A tier criterion such as "at least 20 % of the
implemented scenarios use AI" is written in YAML as a condition::

    require:
      share: {select: {tags: [scenario]}, flag: ai, among: implemented, min: 0.2}

Each condition is a mapping with exactly one key naming its kind. Every kind but one is
monotone: a more mature answer can only turn an unmet condition into a met one, never the
reverse. The exception is ``share``, a ratio: marking one more scenario 已实施 *without* the
flag (e.g. without AI) enlarges the denominator and can lower the share below its minimum,
so "raising an answer never lowers the tier" holds for every answer except that one. The
rule is written so by the sources (AI 场景占比), so the engine keeps it and the result says
so when it applies (see :func:`.grading.explain`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, Tag

from .base import Id, Model


class Selector(Model):
    """Selects questions by section, tags, 环节 (stage) and tier; all given fields must match."""

    section: Id | None = None
    tags: tuple[Id, ...] = ()
    stage: Id | None = None
    tier: Id | None = None


class IsTrue(Model):
    """A yes/no question is answered 是 (True)."""

    is_true: Id


class AtLeastSpec(Model):
    question: Id
    value: str


class AtLeast(Model):
    """A single-choice answer is the given option or a more mature one."""

    at_least: AtLeastSpec


class NumberAtLeastSpec(Model):
    question: Id
    min: float


class NumberAtLeast(Model):
    """A number answer is at least ``min`` (e.g. 上年主营业务收入 ≥ 2000 万元 for 规上)."""

    number_at_least: NumberAtLeastSpec


class AllTrueSpec(Model):
    select: Selector


class AllTrue(Model):
    """Every selected question is at its most mature answer (yes/no: 是)."""

    all_true: Selector


class CountSpec(Model):
    select: Selector
    at_least: str | None = None
    flag: Id | None = None
    min: Annotated[int, Field(ge=0)]


class Count(Model):
    """At least ``min`` selected questions reach option ``at_least`` (or carry option ``flag``)."""

    count: CountSpec


class ShareSpec(Model):
    select: Selector
    flag: Id
    among: Id
    min: Annotated[float, Field(ge=0, le=1)]


class Share(Model):
    """Among selected answers carrying flag ``among``, the share carrying ``flag`` is ≥ ``min``."""

    share: ShareSpec


class ScoreSpec(Model):
    section: Id | None = None
    min: Annotated[float, Field(ge=0)]


class Score(Model):
    """The points of a section (or of the whole questionnaire when no section) are ≥ ``min``."""

    score: ScoreSpec


class ProfileSpec(Model):
    field: Literal["production_type", "size", "industry", "region"]
    values: tuple[str, ...]


class ProfileIn(Model):
    """The enterprise profile field has one of the given values (used for applicability)."""

    profile: ProfileSpec


class AllOf(Model):
    all: tuple[Condition, ...]


class AnyOf(Model):
    any: tuple[Condition, ...]


_KINDS = ("is_true", "at_least", "number_at_least", "all_true", "count", "share", "score", "profile", "all", "any")


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        keys = [k for k in value if k in _KINDS]
        return keys[0] if len(keys) == 1 and len(value) == 1 else None
    for kind, cls in _BY_KIND.items():
        if isinstance(value, cls):
            return kind
    return None


Condition = Annotated[
    Union[
        Annotated[IsTrue, Tag("is_true")],
        Annotated[AtLeast, Tag("at_least")],
        Annotated[NumberAtLeast, Tag("number_at_least")],
        Annotated[AllTrue, Tag("all_true")],
        Annotated[Count, Tag("count")],
        Annotated[Share, Tag("share")],
        Annotated[Score, Tag("score")],
        Annotated[ProfileIn, Tag("profile")],
        Annotated[AllOf, Tag("all")],
        Annotated[AnyOf, Tag("any")],
    ],
    Discriminator(
        _condition_kind,
        custom_error_type="condition_kind",
        custom_error_message="a condition is a mapping with exactly one of the keys " + ", ".join(_KINDS),
    ),
]

_BY_KIND: dict[str, type[Model]] = {
    "is_true": IsTrue,
    "at_least": AtLeast,
    "number_at_least": NumberAtLeast,
    "all_true": AllTrue,
    "count": Count,
    "share": Share,
    "score": Score,
    "profile": ProfileIn,
    "all": AllOf,
    "any": AnyOf,
}

# AllOf and AnyOf refer to Condition, defined after them: pydantic resolves that when the
# schema is first needed (models are built lazily, ``defer_build`` in base.Model), so no
# ``model_rebuild()`` here; it would build every validator at import.


def walk(condition: Condition) -> list[Condition]:
    """Return the condition and all conditions nested in it, depth first."""
    out: list[Condition] = [condition]
    if isinstance(condition, AllOf):
        for c in condition.all:
            out.extend(walk(c))
    elif isinstance(condition, AnyOf):
        for c in condition.any:
            out.extend(walk(c))
    return out
