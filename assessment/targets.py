"""Targets a bureau tracks, as data: ``questionnaires/reference/targets/*.yaml``.

Each file belongs to one jurisdiction (a GB/T 2260 code) and quotes the clause of its source
document for every target, with a confidence mark for *how it is measured here* (the clause
itself is quoted; the measure is this project's reading). Three measures exist:

* ``coverage_percent`` — enterprises on the register with a submitted assessment, in %;
* ``rung_at_least`` — enterprises whose capability rung of ``questionnaire`` is ``rung`` or
  higher (the eligible count is shown beside it);
* ``scenarios_ai`` — typical scenarios implemented with AI, summed over enterprises.

A city bureau adds its own file with its own ``jurisdiction``. Like the questionnaires, a
file whose confidence is D is refused.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .engine.yamlsafe import YamlError, parse_yaml
from .refdata import REGION_RE, reference_dir

Measure = Literal["coverage_percent", "rung_at_least", "scenarios_ai"]
Conf = Literal["A", "B", "C"]


class TargetsError(ValueError):
    """A targets file that does not fit; the message names the file and the place."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    document: str = Field(min_length=1)
    url: str = ""
    what: str = ""
    confidence: Conf


class Target(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    clause: str = Field(min_length=1)
    label: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    measure: Measure
    questionnaire: str | None = None
    rung: str | None = None
    value: float = Field(gt=0)
    unit: str = ""
    confidence: Conf
    measure_note: str = ""


class TargetSet(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    jurisdiction: str
    title: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    deadline: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    source: Source
    targets: tuple[Target, ...] = Field(min_length=1)


def parse_targets(text: str, name: str) -> TargetSet:
    try:
        data = parse_yaml(text)
    except (YamlError, ValueError) as exc:
        raise TargetsError(f"{name}: {exc}") from None
    try:
        ts = TargetSet.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = " › ".join(str(p) for p in err["loc"])
        raise TargetsError(f"{name} › {where}: {err['msg']}") from None
    if not REGION_RE.match(ts.jurisdiction):
        raise TargetsError(f"{name} › jurisdiction: a GB/T 2260 code has 6 digits, got {ts.jurisdiction!r}")
    for i, t in enumerate(ts.targets):
        if t.measure in ("rung_at_least", "scenarios_ai") and not t.questionnaire:
            raise TargetsError(f"{name} › targets › {i} › questionnaire: {t.measure} needs a questionnaire id")
        if t.measure == "rung_at_least" and not t.rung:
            raise TargetsError(f"{name} › targets › {i} › rung: rung_at_least needs a rung id")
    if len({t.id for t in ts.targets}) != len(ts.targets):
        raise TargetsError(f"{name} › targets: duplicate target id")
    return ts


def targets_dir() -> Path:
    return reference_dir() / "targets"


@lru_cache(maxsize=1)
def load_all() -> tuple[TargetSet, ...]:
    """Every targets file, checked (cached for the process)."""
    out = []
    d = targets_dir()
    for path in sorted(d.glob("*.yaml")) if d.is_dir() else ():
        out.append(parse_targets(path.read_text(encoding="utf-8"), f"reference/targets/{path.name}"))
    return tuple(out)


def for_area(area: str) -> list[TargetSet]:
    """The target sets of exactly this area (a province's targets are not a city's)."""
    return [ts for ts in load_all() if ts.jurisdiction == area]
