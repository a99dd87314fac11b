"""Questionnaire loading: YAML texts in, a validated :class:`Questionnaire` out (no file I/O).

A questionnaire version is a main file (metadata, sources, 环节 mapping, grading ladder,
consistency rules) that lists its section files, plus an optional recommendation file.
Errors are collected and reported as ``file › question id › field: message`` so a
questionnaire author can go straight to the place. Beyond what pydantic checks, the loader
checks the things that make rules trustworthy: unique ids across files, references to
questions/options/rungs/stages/sources that exist, options ordered least → most mature,
declared point totals that add up, thresholds that rise with the ladder, and recommendation
keys that exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from . import checks
from .models import Questionnaire, Section
from .recommendations import RecommendationSet
from .yamlsafe import YamlError, parse_yaml, to_tuples

SEP = " › "


class QuestionnaireError(ValueError):
    """A questionnaire that cannot be used; ``problems`` lists every located error."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        head = problems[0] if len(problems) == 1 else f"{len(problems)} problems:\n  " + "\n  ".join(problems)
        super().__init__(head)


def _label_for(node: Any) -> str | None:
    if isinstance(node, dict):
        for key in ("id", "value"):
            v = node.get(key)
            if isinstance(v, (str, int)) and not isinstance(v, bool):
                return str(v)
    return None


def locate(data: Any, loc: tuple[int | str, ...]) -> list[str]:
    """Turn a pydantic location into readable parts, naming list items by their id/value."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int) and isinstance(node, (list, tuple)):
            item = node[step] if 0 <= step < len(node) else None
            name = _label_for(item)
            parts.append(name if name is not None else f"#{step + 1}")
            node = item
        else:
            if isinstance(node, dict) and step in node:
                node = node[step]
            elif isinstance(node, dict):
                node = None
            # skip pydantic's union tag segments (e.g. 'at_least' inside a tagged union)
            if parts and parts[-1] == str(step):
                continue
            parts.append(str(step))
    return parts


_HINTS = {
    "confidence": "confidence D means 'do not use' (reference/standards.md) and is refused; use A, B or C",
}


def _format(file: str, data: Any, exc: ValidationError, prefix: tuple[int | str, ...] = ()) -> list[str]:
    out: list[str] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        parts = locate(data, prefix + loc)
        if len(parts) > 1 and parts[0] == "questions":
            parts = parts[1:]  # a section file is a list of questions: name the question directly
        msg = err["msg"]
        if parts and parts[-1] == "confidence":
            msg += f" ({_HINTS['confidence']})"
        if err["type"] == "bool_type" or (isinstance(err.get("input"), bool) and "string" in msg):
            msg += " (YAML reads unquoted yes/no/on/off as booleans: quote them)"
        out.append(SEP.join([file, *parts]) + f": {msg}")
    return out


def _parse(file: str, text: str) -> Any:
    try:
        data = parse_yaml(text)
    except YamlError as exc:
        raise QuestionnaireError([f"{file}: {exc}"]) from None
    if not isinstance(data, dict):
        raise QuestionnaireError([f"{file}: expected a mapping at the top level, got {type(data).__name__}"])
    return data


def parse_questionnaire(
    main: tuple[str, str],
    sections: Mapping[str, str],
    recommendations: tuple[str, str] | None = None,
) -> Questionnaire:
    """Build a questionnaire from its main file, its section files and its recommendations.

    ``main`` and ``recommendations`` are (file name, YAML text); ``sections`` maps the file
    names listed under ``sections:`` in the main file to their YAML text.
    """
    main_name, main_text = main
    raw = _parse(main_name, main_text)
    problems: list[str] = []
    listed = raw.get("sections")
    if not isinstance(listed, list) or not all(isinstance(x, str) for x in listed):
        raise QuestionnaireError([f"{main_name}{SEP}sections: expected a list of section file names"])
    section_data: list[Any] = []
    section_files: list[str] = []
    for name in listed:
        if name not in sections:
            problems.append(f"{main_name}{SEP}sections: section file {name!r} not found")
            continue
        try:
            sd = _parse(name, sections[name])
        except QuestionnaireError as exc:
            problems.extend(exc.problems)
            continue
        section_data.append(to_tuples(sd))
        section_files.append(name)
    # validate each section on its own, so errors name the section file
    parsed_sections: list[Section] = []
    for name, sd in zip(section_files, section_data, strict=True):
        try:
            parsed_sections.append(Section.model_validate(sd))
        except ValidationError as exc:
            problems.extend(_format(name, sd, exc))
    recs: RecommendationSet | None = None
    rec_data: Any = None
    if recommendations is not None:
        rec_name, rec_text = recommendations
        try:
            rec_data = to_tuples(_parse(rec_name, rec_text))
            recs = RecommendationSet.model_validate(rec_data)
        except QuestionnaireError as exc:
            problems.extend(exc.problems)
        except ValidationError as exc:
            problems.extend(_format(rec_name, rec_data, exc))
    if problems:
        raise QuestionnaireError(problems)

    body = to_tuples({k: v for k, v in raw.items() if k != "sections"})
    body["sections"] = tuple(parsed_sections)
    body["recommendations"] = recs
    try:
        q = Questionnaire.model_validate(body)
    except ValidationError as exc:
        raise QuestionnaireError(_format(main_name, body, exc)) from None

    where = dict(zip((s.id for s in parsed_sections), section_files, strict=True))
    problems = checks.check(q, main_name, where, recommendations[0] if recommendations else None)
    if problems:
        raise QuestionnaireError(problems)
    return q
