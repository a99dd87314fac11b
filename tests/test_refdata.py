"""Reference lists (questionnaires/reference/): GB/T 2260 regions, GB/T 4754-2017 divisions,
size classes, production types — loaded, sourced, and nested as the codes say."""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from assessment import refdata
from assessment.engine.yamlsafe import parse_yaml
from assessment.io.answers_file import Enterprise

SICHUAN_PREFECTURES = {
    "510100": "成都市",
    "510300": "自贡市",
    "510400": "攀枝花市",
    "510500": "泸州市",
    "510600": "德阳市",
    "510700": "绵阳市",
    "510800": "广元市",
    "510900": "遂宁市",
    "511000": "内江市",
    "511100": "乐山市",
    "511300": "南充市",
    "511400": "眉山市",
    "511500": "宜宾市",
    "511600": "广安市",
    "511700": "达州市",
    "511800": "雅安市",
    "511900": "巴中市",
    "512000": "资阳市",
    "513200": "阿坝藏族羌族自治州",
    "513300": "甘孜藏族自治州",
    "513400": "凉山彝族自治州",
}


@pytest.fixture(scope="module")
def ref() -> refdata.RefData:
    return refdata.load()


@pytest.mark.parametrize("name", ["regions.yaml", "industries.yaml", "sizes.yaml", "production_types.yaml"])
def test_refdata__every_file__names_its_sources_and_confidence(name: str) -> None:
    data = parse_yaml((refdata.reference_dir() / name).read_text(encoding="utf-8"))
    assert data["sources"] and all(s.get("url") or s.get("note") for s in data["sources"])
    assert data["confidence"] in ("A", "B", "C")


def test_refdata__provinces__31_plus_taiwan_hong_kong_macao(ref: refdata.RefData) -> None:
    assert len(ref.provinces) == 34
    assert {"710000", "810000", "820000", "510000", "500000"} <= set(ref.provinces)
    assert ref.provinces["510000"].name == "四川省"


def test_refdata__sichuan__every_prefecture_with_its_code(ref: refdata.RefData) -> None:
    assert {c: e.name for c, e in ref.prefectures.items() if c.startswith("51")} == SICHUAN_PREFECTURES


def test_refdata__sichuan__every_county_nests_under_a_prefecture(ref: refdata.RefData) -> None:
    counties = [c for c in ref.counties if c.startswith("51")]
    assert len(counties) == 183  # 四川's county-level divisions
    assert all(c[:4] + "00" in SICHUAN_PREFECTURES for c in counties)
    chengdu = {c: e.name for c, e in ref.counties.items() if c.startswith("5101")}
    assert len(chengdu) == 20 and chengdu["510104"] == "锦江区" and chengdu["510185"] == "简阳市"
    assert not any(c[4] == "7" for c in counties)  # NBS development-zone codes are not GB/T 2260


def test_refdata__industries__manufacturing_divisions_13_to_43(ref: refdata.RefData) -> None:
    assert list(ref.industries) == [str(n) for n in range(13, 44)]
    assert ref.industries["25"].name == "石油、煤炭及其他燃料加工业"  # the 2017 name
    assert all(e.en for e in ref.industries.values())


def test_refdata__sizes_and_production_types__match_the_answers_file_ids(ref: refdata.RefData) -> None:
    fields = Enterprise.model_fields
    assert set(ref.sizes) == set(get_args(fields["size"].annotation)) - {""}
    assert set(ref.production_types) == set(get_args(fields["production_type"].annotation)) - {""}
    assert [e.name for e in ref.sizes.values()] == ["大型", "中型", "小型", "微型"]


@pytest.mark.parametrize(
    ("employees", "revenue", "expected"),
    [
        (1000, 40000, "large"),
        (999, 40000, "medium"),
        (1000, 39999, "medium"),
        (300, 2000, "medium"),
        (299, 2000, "small"),
        (300, 1999, "small"),
        (20, 300, "small"),
        (19, 300, "micro"),
        (20, 299, "micro"),
        (5000, 100, "micro"),
    ],
)
def test_refdata__industry_size_class__every_bound_must_hold(employees: int, revenue: float, expected: str) -> None:
    assert refdata.size_class_for_industry(employees, revenue) == expected


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("510104", None),
        ("510100", None),
        ("510000", None),
        ("500103", None),
        ("810000", None),
        ("510199", "no such county"),
        ("511071", "no such county"),
        ("519900", "no prefecture"),
        ("990000", "no province"),
        ("51010", "6 digits"),
        ("51010a", "6 digits"),
    ],
)
def test_refdata__region_problem(code: str, problem: str | None) -> None:
    found = refdata.region_problem(code)
    assert (found is None) if problem is None else (problem in (found or ""))


@pytest.mark.parametrize(("code", "prefix"), [("510000", "51"), ("510100", "5101"), ("510104", "510104"), ("419001", "419001")])
def test_refdata__jurisdiction_prefix(code: str, prefix: str) -> None:
    assert refdata.jurisdiction_prefix(code) == prefix


@given(st.from_regex(r"[0-9]{6}", fullmatch=True), st.sampled_from(["510000", "510100", "510104", "500000", "990000", "110100"]))
@example("999999", "990000")
@example("990000", "999999")
def test_refdata__prefix_range__is_exactly_the_prefix_test(region: str, jurisdiction: str) -> None:
    lo, hi = refdata.prefix_range(refdata.jurisdiction_prefix(jurisdiction))
    assert (lo <= region and (hi is None or region < hi)) == refdata.in_jurisdiction(region, jurisdiction)
