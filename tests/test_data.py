"""Coverage over the data: examples, cases, recommendations and sources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assessment import assess, load_questionnaire
from assessment.engine.models import Questionnaire
from assessment.io.answers_file import read_answers

from .conftest import least_mature
from .test_cases import CASES, build_answers

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "questionnaires" / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples__load_and_score_as_their_header_says(path: Path) -> None:
    af = read_answers(path)
    qn = load_questionnaire(af.questionnaire)
    r = assess(qn, af.answers, af.enterprise.profile())
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert f"→ {r.rung_label.zh}" in header, (header, r.rung_label.zh)


def test_examples__reach_every_rung_and_none() -> None:
    reached: dict[str, set[Any]] = {"smart_factory": set(), "sme_digital": set()}
    for path in EXAMPLES:
        af = read_answers(path)
        qn = load_questionnaire(af.questionnaire)
        r = assess(qn, af.answers, af.enterprise.profile())
        reached[qn.id].add(r.tier if qn.grading.kind == "tier" else r.level)
    assert reached["smart_factory"] == {None, "basic", "advanced", "excellent", "leading"}
    assert reached["sme_digital"] == {None, 1, 2, 3, 4}


def test_examples__credit_codes_are_valid() -> None:
    from assessment.codes import credit_code_problem

    for path in EXAMPLES:
        code = read_answers(path).enterprise.credit_code
        assert credit_code_problem(code) is None, (path.name, code)


def _mentions(qn: Questionnaire) -> set[str]:
    """Questions given a more-than-least-mature answer in some case or example."""
    least = least_mature(qn)
    seen: set[str] = set()
    for _, case, ref in CASES:
        if ref.split("@")[0] != qn.id:
            continue
        for qid, value in build_answers(qn, case).items():
            if value is not None and value != least.get(qid, None):
                seen.add(qid)
    for path in EXAMPLES:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if doc["questionnaire"].split("@")[0] == qn.id:
            seen.update(k for k, v in doc["answers"].items() if v is not None and v != least.get(k, None))
    return seen


@pytest.mark.parametrize("ref", ["smart_factory", "sme_digital"])
def test_data__every_question_answered_maturely_in_some_case_or_example(ref: str) -> None:
    qn = load_questionnaire(ref)
    mentioned = _mentions(qn)
    missing = [q.id for q in qn.questions if q.id not in mentioned and q.kind != "text"]
    assert not missing, missing


@pytest.mark.parametrize("ref", ["smart_factory", "sme_digital"])
def test_data__every_criterion_has_a_recommendation(ref: str) -> None:
    qn = load_questionnaire(ref)
    assert qn.recommendations is not None
    keys = {k for rec in qn.recommendations.recommendations for k in rec.applies_to}
    missing = [c.id for r in qn.grading.rungs for c in r.criteria if c.id not in keys]
    assert not missing, missing


@pytest.mark.parametrize("ref", ["smart_factory", "sme_digital"])
def test_data__every_gap_of_an_empty_assessment_gets_a_roadmap_step(ref: str) -> None:
    qn = load_questionnaire(ref)
    r = assess(qn, {})
    answered = {g for item in r.roadmap for g in item.gap_ids}
    assert r.gaps and {g.id for g in r.gaps} <= answered
    for item in r.roadmap:
        assert item.action.zh and item.action.en


@pytest.mark.parametrize("ref", ["smart_factory", "sme_digital"])
def test_data__every_gap_item_question_has_a_recommendation(ref: str) -> None:
    """Any question a criterion can list as a gap item is answered concretely or by its criterion."""
    qn = load_questionnaire(ref)
    assert qn.recommendations is not None
    index = qn.recommendations.index()
    r = assess(qn, {})
    for gap in r.gaps:
        for item in gap.items:
            assert item.question_id in index or gap.id in index, (gap.id, item.question_id)


@pytest.mark.parametrize("ref", ["smart_factory", "sme_digital"])
def test_data__sources_declared_with_confidence(ref: str) -> None:
    qn = load_questionnaire(ref)
    assert qn.sources and all(s.confidence in ("A", "B", "C") for s in qn.sources)
    for r in qn.grading.rungs:
        for c in r.criteria:
            assert c.confidence in ("A", "B", "C") and c.source.clause, c.id
