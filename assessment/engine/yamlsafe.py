"""YAML parsing that refuses what silently corrupts data: duplicate keys.

Lists become tuples (the models are strict and immutable). Parsing is pure: text in,
Python data out; reading files is the caller's business.
"""

from __future__ import annotations

from typing import Any

import yaml


class YamlError(ValueError):
    """Malformed YAML, with the line where it went wrong."""


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader (libyaml-backed where available) refusing duplicate keys."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue  # merged keys may legitimately be overridden
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise YamlError(f"line {key_node.start_mark.line + 1}: duplicate key {key!r} (first at line {seen[key] + 1})")
        seen[key] = key_node.start_mark.line
    loader.flatten_mapping(node)
    return {loader.construct_object(k, deep=deep): loader.construct_object(v, deep=deep) for k, v in node.value}


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def to_tuples(data: Any) -> Any:
    """Recursively turn lists into tuples."""
    if isinstance(data, list):
        return tuple(to_tuples(x) for x in data)
    if isinstance(data, dict):
        return {k: to_tuples(v) for k, v in data.items()}
    return data


def parse_yaml(text: str) -> Any:
    """Parse YAML text strictly (duplicate keys refused)."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except YamlError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlError(f"{where}malformed YAML ({problem})") from None
