"""compare_rounds: the tier or level change first, then section deltas, gaps closed and new."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment import assess, load_questionnaire
from assessment.engine.compare import compare_rounds
from assessment.engine.results import Result
from assessment.io.answers_file import read_answers

EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"


def result_of(name: str) -> Result:
    af = read_answers(EXAMPLES / f"{name}.yaml")
    return assess(load_questionnaire(af.questionnaire), af.answers, af.enterprise.profile())


def test_compare__basic_to_advanced__tier_up_gaps_closed_sections_rise() -> None:
    before, after = result_of("smart_factory_basic"), result_of("smart_factory_advanced")
    c = compare_rounds(before, after)
    assert (c.rung_change, c.rank_before, c.rank_after) == ("up", 1, 2)
    assert c.headline.zh.startswith("等级由「基础级」提升为「先进级」") and c.headline.en.startswith("Tier rose from Basic to Advanced")
    assert {g.id for g in c.gaps_closed} == {g.id for g in before.gaps} - {g.id for g in after.gaps}
    assert not c.gaps_new and all(s.delta is not None and s.delta >= 0 for s in c.sections)
    assert c.score_delta == pytest.approx(after.score - before.score, abs=0.05)


def test_compare__level_down__new_gaps_listed() -> None:
    c = compare_rounds(result_of("sme_digital_level3"), result_of("sme_digital_level1"))
    assert c.rung_change == "down" and c.headline.zh.startswith("水平由「三级」下降为「一级」")
    assert c.gaps_new and not c.gaps_closed


def test_compare__same_round__unchanged() -> None:
    r = result_of("sme_digital_level2")
    c = compare_rounds(r, r)
    assert c.rung_change == "same" and c.score_delta == 0 and not c.gaps_new and not c.gaps_closed
    assert c.headline.en.startswith("Level unchanged at")


def test_compare__different_questionnaires__refused() -> None:
    with pytest.raises(ValueError, match="different questionnaires"):
        compare_rounds(result_of("sme_digital_level2"), result_of("smart_factory_basic"))
