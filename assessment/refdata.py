"""Reference lists an organisation profile is checked against (questionnaires/reference/).

* GB/T 2260 administrative divisions. A 6-digit code nests: the province is the first two
  digits (51 → 四川省 510000), the prefecture (市/州) the first four (5101 → 成都市 510100), the
  county-level division (区/县/县级市) all six (510104 锦江区). A bureau's jurisdiction is such
  a prefix, and a region lies in it when its code starts with the prefix.
* GB/T 4754-2017 manufacturing divisions 13–43 (an industry code is a division, optionally
  refined by 中类/小类 digits).
* Size classes (统计上大中小微型企业划分办法 2017) and production types.

Validation goes as deep as the lists go: every province is listed, every prefecture of every
province, and every county of the provinces named in ``complete.counties_of`` (四川); a
county code elsewhere is accepted when its prefecture exists.

>>> jurisdiction_prefix("510000"), jurisdiction_prefix("510100"), jurisdiction_prefix("510104")
('51', '5101', '510104')
>>> in_jurisdiction("510104", "510100"), in_jurisdiction("500101", "510000")
(True, False)
>>> size_class_for_industry(employees=350, revenue=1500)
'small'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .catalog import questionnaires_dir
from .engine.yamlsafe import parse_yaml

REGION_RE = re.compile(r"^[0-9]{6}$")
INDUSTRY_RE = re.compile(r"^[0-9]{2}([0-9]{1,2})?$")


class RefDataError(ValueError):
    """A reference file that is missing or malformed (a packaging or editing mistake)."""


_GROUPINGS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
"""Prefecture-level rows of GB/T 2260 that group counties rather than name a city."""


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    en: str = ""


@dataclass(frozen=True)
class RefData:
    provinces: dict[str, Entry]
    prefectures: dict[str, Entry]
    counties: dict[str, Entry]
    counties_complete: frozenset[str]
    industries: dict[str, Entry]
    sizes: dict[str, Entry]
    size_thresholds: dict[str, dict[str, Any]]
    production_types: dict[str, Entry]

    def region_name(self, code: str) -> str:
        """Full name, e.g. '四川省 成都市 锦江区'; '' when unknown."""
        parts: list[str] = []
        for table, key in ((self.provinces, code[:2] + "0000"), (self.prefectures, code[:4] + "00"), (self.counties, code)):
            entry = table.get(key)
            if entry is not None and entry.name not in _GROUPINGS and (not parts or entry.name != parts[-1]):
                parts.append(entry.name)
        return " ".join(parts)


def reference_dir() -> Path:
    """``<questionnaires>/reference``; with a custom ``SFA_QUESTIONNAIRES_DIR`` that has no
    reference lists, the shipped ones."""
    custom = questionnaires_dir() / "reference"
    if custom.is_dir():
        return custom
    here = Path(__file__).resolve().parent
    packaged = here / "_questionnaires" / "reference"
    return packaged if packaged.is_dir() else here.parent / "questionnaires" / "reference"


def _read(name: str) -> dict[str, Any]:
    path = reference_dir() / name
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RefDataError(f"reference/{name}: {exc}") from None
    if not isinstance(data, dict):
        raise RefDataError(f"reference/{name}: expected a mapping")
    return data


def _entries(data: dict[str, Any], key: str, file: str, code_key: str = "code") -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for i, item in enumerate(data.get(key) or ()):
        if not isinstance(item, dict) or not isinstance(item.get(code_key), str) or not isinstance(item.get("name"), str):
            raise RefDataError(f"reference/{file} › {key}[{i}]: needs a text {code_key} and name")
        code = item[code_key]
        if code in out:
            raise RefDataError(f"reference/{file} › {key}[{i}]: duplicate code {code!r}")
        out[code] = Entry(code, item["name"], str(item.get("en") or ""))
    return out


def validate_regions(provinces: dict[str, Entry], prefectures: dict[str, Entry], counties: dict[str, Entry]) -> list[str]:
    """Structural problems in the region lists (codes well-formed and nested)."""
    problems = []
    for code in provinces:
        if not REGION_RE.match(code) or code[2:] != "0000":
            problems.append(f"province {code}: expected NN0000")
    for code in prefectures:
        if not REGION_RE.match(code) or code[4:] != "00" or code[2:4] == "00":
            problems.append(f"prefecture {code}: expected NNNN00")
        elif code[:2] + "0000" not in provinces:
            problems.append(f"prefecture {code}: province {code[:2]}0000 is not listed")
    for code in counties:
        if not REGION_RE.match(code) or code[4:] == "00":
            problems.append(f"county {code}: expected 6 digits not ending in 00")
        elif code[:4] + "00" not in prefectures:
            problems.append(f"county {code}: prefecture {code[:4]}00 is not listed")
    return problems


@lru_cache(maxsize=1)
def load() -> RefData:
    """Read and check every reference file (cached for the process)."""
    regions = _read("regions.yaml")
    provinces = _entries(regions, "provinces", "regions.yaml")
    prefectures = _entries(regions, "prefectures", "regions.yaml")
    counties = _entries(regions, "counties", "regions.yaml")
    problems = validate_regions(provinces, prefectures, counties)
    if problems:
        raise RefDataError("reference/regions.yaml: " + "; ".join(problems[:5]))
    complete = regions.get("complete") or {}
    industries = _entries(_read("industries.yaml"), "divisions", "industries.yaml")
    sizes_doc = _read("sizes.yaml")
    sizes = _entries(sizes_doc, "classes", "sizes.yaml", code_key="id")
    thresholds = {c["id"]: dict(c.get("industry") or {}) for c in sizes_doc.get("classes") or ()}
    ptypes = _entries(_read("production_types.yaml"), "types", "production_types.yaml", code_key="id")
    return RefData(
        provinces=provinces,
        prefectures=prefectures,
        counties=counties,
        counties_complete=frozenset(str(p) for p in complete.get("counties_of") or ()),
        industries=industries,
        sizes=sizes,
        size_thresholds=thresholds,
        production_types=ptypes,
    )


def jurisdiction_prefix(code: str) -> str:
    """The code prefix a jurisdiction covers: 510000 → '51', 510100 → '5101', 510104 → '510104'."""
    if not REGION_RE.match(code):
        raise ValueError(f"a GB/T 2260 code has 6 digits, got {code!r}")
    if code[2:] == "0000":
        return code[:2]
    if code[4:] == "00":
        return code[:4]
    return code


def in_jurisdiction(region: str, jurisdiction: str) -> bool:
    """Whether ``region`` lies inside the jurisdiction with code ``jurisdiction``."""
    return region.startswith(jurisdiction_prefix(jurisdiction))


def prefix_range(prefix: str) -> tuple[str, str | None]:
    """Codes in the jurisdiction are exactly ``lo <= code < hi`` (an index-friendly range;
    ``hi`` is None when the prefix is all nines). Only digits are compared, so the range
    holds under any database collation.

    >>> prefix_range("5101")
    ('510100', '510200')
    """
    lo = prefix.ljust(6, "0")
    if set(prefix) == {"9"}:
        return lo, None
    return lo, str(int(prefix) + 1).zfill(len(prefix)).ljust(6, "0")


def region_problem(code: str, ref: RefData | None = None, lang: str = "en") -> str | None:
    """None for a known GB/T 2260 code, else what is wrong (``lang`` "zh" or "en")."""
    ref = ref or load()
    zh = lang == "zh"
    if not isinstance(code, str) or not REGION_RE.match(code):
        return f"行政区划代码应为 6 位数字，实际为「{code}」" if zh else f"a GB/T 2260 region code has 6 digits, got {code!r}"
    province, prefecture = code[:2] + "0000", code[:4] + "00"
    if province not in ref.provinces:
        return f"{code}：没有省级代码 {province}" if zh else f"{code}: no province {province} in GB/T 2260"
    if code == province:
        return None
    has_prefectures = any(p.startswith(code[:2]) for p in ref.prefectures)
    if has_prefectures and prefecture not in ref.prefectures:
        return f"{code}：没有地市级代码 {prefecture}" if zh else f"{code}: no prefecture {prefecture} in GB/T 2260"
    if code == prefecture:
        return None
    if code[:2] in ref.counties_complete and code not in ref.counties:
        name = ref.prefectures[prefecture].name
        return f"{code}：{name}没有这个区县" if zh else f"{code}: no such county-level division in {name}"
    return None


def industry_problem(code: str, ref: RefData | None = None, lang: str = "en") -> str | None:
    """None for a GB/T 4754-2017 manufacturing code (division 13–43, optionally refined)."""
    ref = ref or load()
    zh = lang == "zh"
    if not isinstance(code, str) or not INDUSTRY_RE.match(code):
        if zh:
            return f"行业代码应为 GB/T 4754 的 2 位大类代码（可细到 3–4 位），实际为「{code}」"
        return f"an industry code is a 2-digit GB/T 4754 division (optionally 3–4 digits), got {code!r}"
    if code[:2] not in ref.industries:
        return (
            f"{code}：大类 {code[:2]} 不属于制造业（13–43）"
            if zh
            else f"{code}: division {code[:2]} is not a manufacturing division (13–43)"
        )
    return None


def size_class_for_industry(employees: int, revenue: float, ref: RefData | None = None) -> str:
    """The size class of an industrial enterprise: employees (persons), revenue (万元).

    Large, medium and small need every lower bound; otherwise the enterprise drops a class.
    """
    ref = ref or load()
    for cls in ("large", "medium", "small"):
        t = ref.size_thresholds[cls]
        if employees >= t["employees_min"] and revenue >= t["revenue_min"]:
            return cls
    return "micro"
