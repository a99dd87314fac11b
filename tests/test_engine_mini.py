"""Engine behaviour on the mini questionnaire: small, targeted, readable (pyxform style)."""

from __future__ import annotations

import pytest

from assessment import assess
from assessment.engine.models import Questionnaire

from .conftest import least_mature, most_mature

BASE_ONE = {"gate": True, "legal": True, "s1": "done", "p1": True}


def test_tier__nothing_answered__none_with_every_criterion_a_gap(mini: Questionnaire) -> None:
    r = assess(mini, {})
    assert r.tier is None and r.eligible_tier is None and r.score == 0
    assert r.rung_label.zh == "未达一级"
    assert {g.id for g in r.gaps} == {c.id for rung in mini.grading.rungs for c in rung.criteria}


def test_tier__all_of_rung_one_met__reaches_one(mini: Questionnaire) -> None:
    r = assess(mini, BASE_ONE)
    assert r.tier == "one" and r.eligible_tier == "one" and r.next_rung == "two"
    one = r.rungs[0]
    assert one.reached and all(c.met for c in one.criteria)


@pytest.mark.parametrize("missing", sorted(BASE_ONE))
def test_tier__one_criterion_of_rung_one_missing__not_reached_or_not_eligible(mini: Questionnaire, missing: str) -> None:
    answers = {k: v for k, v in BASE_ONE.items() if k != missing}
    r = assess(mini, answers)
    if missing == "legal":  # eligibility only: capability stays, eligibility goes
        assert r.tier == "one" and r.eligible_tier is None
        assert next(g.id for g in r.gaps if g.blocks_next) == "one.legal"
    else:
        assert r.tier is None


def test_tier__cumulative__rung_two_criteria_without_rung_one__stays_none(mini: Questionnaire) -> None:
    answers = most_mature(mini) | {"gate": False}
    r = assess(mini, answers)
    assert r.tier is None
    assert r.rungs[1].capability_met and not r.rungs[1].reached
    assert "一级" in r.rungs[1].verdict.zh


def test_eligibility__capability_two_without_recognition__may_apply_for_one(mini: Questionnaire) -> None:
    r = assess(mini, most_mature(mini) | {"recognised": "none"})
    assert r.tier == "two" and r.eligible_tier == "one"
    gap = next(g for g in r.gaps if g.id == "two.recognised")
    assert gap.kind == "eligibility" and gap.blocks_next


def test_criteria__explain_the_deciding_answer(mini: Questionnaire) -> None:
    r = assess(mini, BASE_ONE | {"dig": "low"})
    dig = next(c for c in r.rungs[1].criteria if c.id == "two.dig")
    assert not dig.met
    assert "数字化率" in dig.explanation.zh and "低" in dig.explanation.zh and "中" in dig.explanation.zh
    assert dig.evidence[0].question_id == "dig" and dig.evidence[0].answer.zh == "低"
    assert dig.source.doc == "doc" and dig.source_title == "测试文件"


def test_ai_share__half_of_implemented_use_ai__meets_half_threshold(mini: Questionnaire) -> None:
    r = assess(mini, BASE_ONE | {"s1": "ai", "s2": "done"})
    crit = next(c for c in r.rungs[1].criteria if c.id == "two.ai")
    assert crit.met and crit.actual == 0.5
    assert r.metrics[0].value == 50.0


def test_ai_share__nothing_implemented__unmet(mini: Questionnaire) -> None:
    r = assess(mini, {})
    crit = next(c for c in r.rungs[1].criteria if c.id == "two.ai")
    assert not crit.met and crit.actual == 0


def test_coverage__scenario_mapped_through_guide_stage(mini: Questionnaire) -> None:
    # s2 is in guide stage g.sell, which maps onto stage 'sell', not 'make'
    r = assess(mini, {"s2": "done"})
    make = next(c for c in r.rungs[0].criteria if c.id == "one.make")
    assert not make.met


def test_multi__exclusive_none_with_others__ignored(mini: Questionnaire) -> None:
    r = assess(mini, {"measures": ["none", "m1"]})
    sec = next(s for s in r.sections if s.id == "a")
    assert sec.earned == 1


def test_show_if__hidden_answer_is_ignored(mini: Questionnaire) -> None:
    r = assess(mini, {"p2": False, "detail": "x"})
    assert r.answered == 1  # 'detail' is hidden while p2 is not 是


def test_applies_if__profile_excludes_question_from_max(mini: Questionnaire) -> None:
    discrete = assess(mini, {}, {"production_type": "discrete"})
    process = assess(mini, {}, {"production_type": "process"})
    a_discrete = next(s for s in discrete.sections if s.id == "a")
    a_process = next(s for s in process.sections if s.id == "a")
    assert a_process.max == a_discrete.max + 1


def test_score__percent_of_points_when_no_total_declared(mini: Questionnaire) -> None:
    assert assess(mini, most_mature(mini)).score == 100
    assert assess(mini, least_mature(mini)).score == 0


def test_section_target__marks_next_rung_requirement(mini: Questionnaire) -> None:
    r = assess(mini, BASE_ONE)
    a = next(s for s in r.sections if s.id == "a")
    # rung two (cumulative) needs p1, p2 (1 point each) and dig ≥ mid (2 points) of 13
    assert a.target_percent == pytest.approx(100 * 4 / 13, abs=1e-4)


def test_consistency__networking_above_digitization__warned(mini: Questionnaire) -> None:
    r = assess(mini, {"dig": "low", "net": "high"})
    assert [w.id for w in r.warnings] == ["net_above_dig"]


def test_consistency__counts_and_band(mini: Questionnaire) -> None:
    r = assess(mini, {"dig": "high", "total": 10, "digital": 12})
    assert {w.id for w in r.warnings} == {"count_over", "band"}
    ok = assess(mini, {"dig": "mid", "total": 10, "digital": 4})
    assert ok.warnings == ()


def test_gaps__items_name_current_and_target(mini: Questionnaire) -> None:
    r = assess(mini, BASE_ONE)
    gap = next(g for g in r.gaps if g.id == "two.dig")
    assert gap.blocks_next and gap.items[0].current.zh == "未作答" and gap.items[0].target.zh == "中"


def test_roadmap__concrete_item_recommendations_ranked_and_phased(mini: Questionnaire) -> None:
    r = assess(mini, BASE_ONE)
    ids = [i.recommendation_id for i in r.roadmap]
    assert "rec.recognised" in ids and "rec.dig" in ids
    # rec.recognised (low effort, high impact) ranks above rec.dig (high effort)
    assert ids.index("rec.recognised") < ids.index("rec.dig")
    phases = {i.recommendation_id: i.phase for i in r.roadmap}
    assert phases["rec.recognised"] == "near" and phases["rec.dig"] == "mid"
    dig = next(i for i in r.roadmap if i.recommendation_id == "rec.dig")
    assert dig.question_ids == ("dig",) and dig.target is not None and dig.target.zh == "中"


def test_roadmap__all_most_mature__empty(mini: Questionnaire) -> None:
    r = assess(mini, most_mature(mini))
    assert r.gaps == () and r.roadmap == ()


def test_result__json_round_trip(mini: Questionnaire) -> None:
    from assessment.engine.results import Result

    r = assess(mini, BASE_ONE)
    assert Result.model_validate_json(r.model_dump_json()) == r
    assert r.questionnaire == "mini@1.0"


def test_result__deterministic(mini: Questionnaire) -> None:
    assert assess(mini, BASE_ONE).model_dump_json() == assess(mini, dict(reversed(list(BASE_ONE.items())))).model_dump_json()


def test_visible_questions__show_if_and_applies_if(mini: Questionnaire) -> None:
    from assessment.engine import visible_questions

    hidden = visible_questions(mini, {"p2": False}, {"production_type": "discrete"})
    assert "detail" not in hidden and "apc" not in hidden and "gate" in hidden
    shown = visible_questions(mini, {"p2": True}, {"production_type": "process"})
    assert {"detail", "apc"} <= shown
