"""Finding and reading questionnaire files (the I/O side of loading).

Layout under the questionnaires directory::

    <id>/<version>/questionnaire.yaml      metadata, sources, 环节 mapping, grading, rules
    <id>/<version>/sections/*.yaml         the sections listed in questionnaire.yaml
    recommendations/<id>/<version>.yaml    next steps for every gap (optional)
    migrations/<id>/<from>-<to>.yaml       how answers carry over between two versions

A reference is ``id`` (newest version) or ``id@version``. The directory is the installed
package data, the source tree's ``questionnaires/``, or ``SFA_QUESTIONNAIRES_DIR``.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from . import compiled
from .engine.loader import QuestionnaireError, parse_questionnaire
from .engine.migration import AnswerMapping
from .engine.models import Questionnaire

MAIN = "questionnaire.yaml"


def questionnaires_dir() -> Path:
    env = os.environ.get("SFA_QUESTIONNAIRES_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    packaged = here / "_questionnaires"
    if packaged.is_dir():
        return packaged
    return here.parent / "questionnaires"


def _version_key(v: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in re.split(r"[.\-]", v))


def available(root: Path | None = None) -> dict[str, list[str]]:
    """Questionnaire ids and their versions, oldest first."""
    root = root or questionnaires_dir()
    out: dict[str, list[str]] = {}
    if not root.is_dir():
        return out
    for d in sorted(root.iterdir()):
        if not d.is_dir() or d.name in ("recommendations", "examples", "reference", "migrations"):
            continue
        versions = sorted((v.name for v in d.iterdir() if (v / MAIN).is_file()), key=_version_key)
        if versions:
            out[d.name] = versions
    return out


def resolve(ref: str, root: Path | None = None) -> Path:
    """The version directory for ``id`` or ``id@version``; ValueError naming what exists."""
    root = root or questionnaires_dir()
    qid, _, version = ref.partition("@")
    known = available(root)
    if qid not in known:
        raise QuestionnaireError([f"{ref}: unknown questionnaire; available: {', '.join(sorted(known)) or 'none'}"])
    if not version:
        version = known[qid][-1]
    elif version not in known[qid]:
        raise QuestionnaireError([f"{ref}: unknown version; available: {', '.join(known[qid])}"])
    return root / qid / version


def _read(path: Path, display: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QuestionnaireError([f"{display}: file not found"]) from None
    except UnicodeDecodeError as exc:
        raise QuestionnaireError([f"{display}: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    except OSError as exc:
        raise QuestionnaireError([f"{display}: cannot be read ({exc.strerror})"]) from None


def load_dir(version_dir: Path, recommendations: Path | None = None) -> Questionnaire:
    """Load a questionnaire version directory (and its recommendation file, if any)."""
    version_dir = Path(version_dir)
    main_path = version_dir / MAIN
    if not version_dir.is_dir():
        raise QuestionnaireError([f"{version_dir}: not a directory"])
    rel = f"{version_dir.parent.name}/{version_dir.name}"
    main_text = _read(main_path, f"{rel}/{MAIN}")
    sections: dict[str, str] = {}
    sec_dir = version_dir / "sections"
    if sec_dir.is_dir():
        for p in sorted(sec_dir.glob("*.yaml")):
            sections[f"sections/{p.name}"] = _read(p, f"{rel}/sections/{p.name}")
    rec: tuple[str, str] | None = None
    if recommendations is None:
        guess = version_dir.parent.parent / "recommendations" / version_dir.parent.name / f"{version_dir.name}.yaml"
        recommendations = guess if guess.is_file() else None
    if recommendations is not None:
        rec = (f"recommendations/{recommendations.parent.name}/{recommendations.name}", _read(recommendations, str(recommendations.name)))
    parts = [(f"{rel}/{MAIN}", main_text), *sections.items(), *([rec] if rec else [])]
    entry = compiled.key("questionnaire", parts)
    cached = compiled.load(entry, Questionnaire)
    if cached is not None:
        return cached
    try:
        q = parse_questionnaire((f"{rel}/{MAIN}", main_text), sections, rec)
    except QuestionnaireError as exc:
        problems = [p if p.startswith((rel, "recommendations/")) else f"{rel}/{p}" for p in exc.problems]
        raise QuestionnaireError(problems) from None
    compiled.store(entry, q)
    return q


@lru_cache(maxsize=32)
def _cached(path: str, mtime_key: float) -> Questionnaire:
    return load_dir(Path(path))


def load_questionnaire(ref: str) -> Questionnaire:
    """Load a built-in questionnaire by reference: ``smart_factory`` or ``sme_digital@2024.1``."""
    d = resolve(ref)
    main = d / MAIN
    stamp = max((p.stat().st_mtime for p in [main, *d.glob("sections/*.yaml")]), default=0.0)
    return _cached(str(d), stamp)


def migration_path(from_ref: str, to_ref: str, root: Path | None = None) -> Path:
    """Where the answer mapping from ``from_ref`` to ``to_ref`` (both ``id@version``) lives."""
    qid, _, v_from = from_ref.partition("@")
    _, _, v_to = to_ref.partition("@")
    return (root or questionnaires_dir()) / "migrations" / qid / f"{v_from}-{v_to}.yaml"


def migration_targets(ref: str, root: Path | None = None) -> list[str]:
    """Versions (``id@version``) the answers of ``ref`` can be migrated to, oldest first."""
    qid, _, version = ref.partition("@")
    d = (root or questionnaires_dir()) / "migrations" / qid
    if not version or not d.is_dir():
        return []
    found = [p.stem.split("-", 1)[1] for p in d.glob(f"{version}-*.yaml")]
    return [f"{qid}@{v}" for v in sorted(found, key=_version_key)]


def newest_migration_target(ref: str) -> str | None:
    """The newest version the answers of ``ref`` migrate to directly, or None."""
    targets = migration_targets(ref)
    return targets[-1] if targets else None


def load_migration(from_ref: str, to_ref: str) -> AnswerMapping:
    """The checked answer mapping between two versions; QuestionnaireError naming the place."""
    from pydantic import ValidationError

    from .engine.loader import locate
    from .engine.migration import check_mapping
    from .engine.yamlsafe import YamlError, parse_yaml, to_tuples

    old, new = load_questionnaire(from_ref), load_questionnaire(to_ref)
    path = migration_path(old.ref, new.ref)
    display = f"migrations/{old.id}/{path.name}"
    if not path.is_file():
        available_to = ", ".join(migration_targets(old.ref)) or "none"
        raise QuestionnaireError([f"{display}: no mapping from {old.ref} to {new.ref}; available: {available_to}"])
    try:
        data = parse_yaml(_read(path, display))
    except YamlError as exc:
        raise QuestionnaireError([f"{display}: {exc}"]) from None
    try:
        mapping = AnswerMapping.model_validate(to_tuples(data))
    except ValidationError as exc:
        raise QuestionnaireError([f"{display} › {' › '.join(locate(data, e['loc']))}: {e['msg']}" for e in exc.errors()]) from None
    problems = check_mapping(mapping, old, new)
    if problems:
        raise QuestionnaireError([f"{display} › {p}" for p in problems])
    return mapping
