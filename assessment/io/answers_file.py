"""Answer files: what a consultant fills in offline and feeds to ``sfa assess``.

An answers file is YAML (or JSON) with three top-level keys::

    questionnaire: smart_factory          # a reference, optionally pinned: smart_factory@2025.1
    enterprise:                           # the enterprise profile
      name: 四川某某精密制造有限公司
      credit_code: 91510100MA61XXXXXX     # 统一社会信用代码
      region: '510100'                    # GB/T 2260 code
      industry: '34'                      # GB/T 4754 division
      size: large                         # large | medium | small | micro
      production_type: discrete           # discrete | process | mixed
    answers:
      gate.above_designated_size: true
      cmmm.level: l2
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..engine.models import Profile
from ..engine.yamlsafe import YamlError, parse_yaml


class AnswersFileError(ValueError):
    """A problem with an answers file; the message names the file and the place."""


class Enterprise(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(default="", max_length=200)
    credit_code: str = Field(default="", max_length=18)
    region: str = Field(default="", max_length=12)
    industry: str = Field(default="", max_length=8)
    size: Literal["", "large", "medium", "small", "micro"] = ""
    production_type: Literal["", "discrete", "process", "mixed"] = ""

    def profile(self) -> Profile:
        return Profile(**self.model_dump())


class AnswersFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    questionnaire: str = Field(min_length=1)
    enterprise: Enterprise = Enterprise()
    answers: dict[str, Any] = Field(default_factory=dict)


def _coerce_codes(data: dict[str, Any]) -> dict[str, Any]:
    """YAML reads unquoted codes such as 510100 as numbers; accept them as text."""
    ent = data.get("enterprise")
    if isinstance(ent, dict):
        for key in ("region", "industry", "credit_code"):
            if isinstance(ent.get(key), int) and not isinstance(ent.get(key), bool):
                ent[key] = str(ent[key])
    return data


MAX_CHARS = 20_000_000
MAX_DEPTH = 20
"""An answers file is a mapping of mappings of scalars or short lists: a few levels deep."""


def _depth(data: Any) -> int:
    """How deeply ``data`` nests (iteratively: a hostile file must not exhaust the stack)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def parse_answers(text: str, name: str, fmt: Literal["yaml", "json"] = "yaml") -> AnswersFile:
    """Parse an answers file's text; errors name ``name`` and the offending key."""
    if len(text) > MAX_CHARS:
        raise AnswersFileError(f"{name}: 文件过大（超过 {MAX_CHARS // 1_000_000} MB）/ file too large (over {MAX_CHARS // 1_000_000} MB)")
    try:
        data = json.loads(text) if fmt == "json" else parse_yaml(text)
    except json.JSONDecodeError as exc:
        raise AnswersFileError(f"{name}: line {exc.lineno}, column {exc.colno}: malformed JSON ({exc.msg})") from None
    except YamlError as exc:
        raise AnswersFileError(f"{name}: {exc}") from None
    except RecursionError:
        raise AnswersFileError(f"{name}: 嵌套层次过深，不是答卷文件 / nested too deeply to be an answers file") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits (Python's int conversion limit)
        raise AnswersFileError(f"{name}: 无法读取的数值 / unreadable value: {str(exc)[:120]}") from None
    depth = _depth(data)
    if depth > MAX_DEPTH:
        raise AnswersFileError(
            f"{name}: 嵌套层次过深（{depth} 层，最多 {MAX_DEPTH}）/ nested too deeply ({depth} levels, at most {MAX_DEPTH})"
        )
    if not isinstance(data, dict):
        raise AnswersFileError(f"{name}: expected a mapping with keys questionnaire, enterprise, answers")
    try:
        return AnswersFile.model_validate(_coerce_codes(data))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = " › ".join(str(p) for p in err["loc"])
        more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
        raise AnswersFileError(f"{name} › {where}: {err['msg']}{more}") from None


def read_answers(path: Path) -> AnswersFile:
    """Read and parse an answers file from disk."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnswersFileError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise AnswersFileError(f"{path}: is a directory, not an answers file") from None
    except UnicodeDecodeError:
        raise AnswersFileError(f"{path}: not UTF-8 text") from None
    return parse_answers(text, str(path), "json" if path.suffix.lower() == ".json" else "yaml")
