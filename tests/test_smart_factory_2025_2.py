"""smart_factory@2025.2 as data: what the domain review asked of it (issue 11)."""

from __future__ import annotations

from assessment import load_questionnaire
from assessment.engine.conditions import NumberAtLeast, walk

Q = load_questionnaire("smart_factory@2025.2")


def test_2025_2__is_the_default_and_2025_1_still_loads() -> None:
    assert load_questionnaire("smart_factory").ref == "smart_factory@2025.2"
    assert load_questionnaire("smart_factory@2025.1").ref == "smart_factory@2025.1"


def test_2025_2__every_question_and_criterion_has_a_source_and_a_confidence_none_d() -> None:
    declared = {d.id for d in Q.sources}
    for x in Q.questions:
        assert x.source is not None and x.source.doc in declared and x.confidence in ("A", "B", "C"), x.id
    for r in Q.grading.rungs:
        for c in r.criteria:
            assert c.source.doc in declared and c.confidence in ("A", "B", "C"), c.id


def test_2025_2__sources_by_title_and_number__urls_only_on_government_sites() -> None:
    for d in Q.sources:
        assert d.title, d.id
        assert not d.url or ".gov.cn/" in d.url, (d.id, d.url)
    assert all(d.number for d in Q.sources if d.id != "stats_above_scale")


def test_2025_2__gate_3_graded_on_the_text_it_was_seen_in() -> None:
    c = Q.criterion_index["basic.gate.secure"]
    doc = next(d for d in Q.sources if d.id == c.source.doc)
    assert c.confidence == "A" and doc.confidence == "A" and "2024" in doc.title


def test_2025_2__above_scale_threshold_is_data_in_one_criterion() -> None:
    c = Q.criterion_index["basic.eligibility.above_scale"]
    [n] = [x for x in walk(c.require) if isinstance(x, NumberAtLeast)]
    assert n.number_at_least.question == "gate.main_revenue_last_year" and n.number_at_least.min == 2000
    rule = next(r for r in Q.consistency if r.id == "above_scale_revenue_disagrees")
    assert rule.kind == "agrees" and rule.criterion == c.id


def test_2025_2__ai_use_defined_with_an_evidence_hint_per_scenario() -> None:
    scenarios = [x for x in Q.questions if "scenario" in x.tags]
    assert len(scenarios) == 40
    hints = set()
    for x in scenarios:
        ai = next(o for o in x.options if "ai" in o.flags)
        assert ai.description is not None and "不算" in ai.description.zh and "AOI" in ai.description.zh, x.id
        assert len(ai.evidence_hints) == 1, x.id
        hints.add(ai.evidence_hints[0].zh)
    assert len(hints) == 40  # one per scenario, not one text for all


def test_2025_2__outcome_clauses_are_criteria_of_their_tier() -> None:
    outcome = {c.id for r in Q.grading.rungs for c in r.criteria if c.category == "outcome"}
    assert outcome == {
        "excellent.outcome.supply_chain_upgrade",
        "excellent.outcome.promotable_solution",
        "excellent.outcome.talent_system",
        "leading.outcome.mother_factory",
        "leading.outcome.solution_export",
        "leading.outcome.enterprise_standards",
        "leading.outcome.industry_national_standards",
        "leading.outcome.leading_talent",
    }
    assert {"leading.eligibility.industry_leader", "leading.eligibility.global_competitiveness"} <= set(Q.criterion_index)
