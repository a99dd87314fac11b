"""Properties that must hold for any answers (hypothesis), on both built-in questionnaires
and the mini fixture: raising one answer never lowers the tier, level or score; scores stay
in range; a reached rung's capability criteria are all met; the extremes are what they say.

The one documented exception to "never lowers the tier" is a ``share`` rule (AI 场景占比):
marking a scenario 已实施 without AI enlarges the denominator (see assessment.engine.conditions);
the score still never drops, and the cases show the result explains it.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment import assess, load_questionnaire
from assessment.engine.models import Question, Questionnaire
from assessment.engine.results import Result

from .conftest import MINI, least_mature, most_mature

QUESTIONNAIRES = {
    "smart_factory": load_questionnaire("smart_factory"),
    "sme_digital": load_questionnaire("sme_digital"),
}
from assessment.catalog import load_dir  # noqa: E402

QUESTIONNAIRES["mini"] = load_dir(MINI)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def answer_strategy(q: Question) -> st.SearchStrategy[Any]:
    if q.kind == "single":
        return st.one_of(st.none(), st.sampled_from([o.value for o in q.options]))
    if q.kind == "multi":
        return st.lists(st.sampled_from([o.value for o in q.options]), unique=True)
    if q.kind == "yesno":
        return st.one_of(st.none(), st.booleans())
    if q.kind == "number":
        lo = q.number.min if q.number and q.number.min is not None else 0
        hi = q.number.max if q.number and q.number.max is not None else 10_000
        return st.one_of(st.none(), st.integers(min_value=int(lo), max_value=int(hi)))
    # any text a person can type: control characters are refused by check_answer (issue 8)
    typed = st.characters(blacklist_categories=("Cc", "Cs"))
    return st.one_of(st.none(), st.text(alphabet=typed, max_size=min(20, q.max_length)))


def answers_for(qn: Questionnaire) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({q.id: answer_strategy(q) for q in qn.questions})


def raise_one(q: Question, value: Any) -> Any:
    """A strictly more mature answer, or None if there is none."""
    if q.kind == "single":
        values = [o.value for o in q.options]
        i = -1 if value is None else values.index(value)
        return values[i + 1] if i + 1 < len(values) else None
    if q.kind == "yesno":
        return True if value is not True else None
    if q.kind == "multi":
        missing = [o.value for o in q.options if o.value not in (value or [])]
        return [*(value or []), missing[0]] if missing else None
    return None


def dilutes_a_share(qn: Questionnaire, q: Question, old: Any, new: Any) -> bool:
    """Whether raising ``q`` from ``old`` to ``new`` adds it to a share's base without its flag."""
    from assessment.engine.conditions import Share, walk

    if q.kind != "single":
        return False
    for rung in qn.grading.rungs:
        for cr in rung.criteria:
            for c in walk(cr.require):
                if isinstance(c, Share) and q in qn.matching(c.share.select):
                    before = set(q.option(old).flags) if old is not None and q.option(old) else set()
                    after = set(q.option(new).flags) if q.option(new) else set()
                    if c.share.among in after and c.share.among not in before and c.share.flag not in after:
                        return True
    return False


def rank(qn: Questionnaire, r: Result, which: str) -> int:
    rid = {"tier": r.tier, "eligible": r.eligible_tier, "level": None}[which] if which != "level" else None
    if which == "level":
        return r.level or 0
    return qn.rung(rid).rank if rid else 0


@pytest.mark.parametrize("ref", sorted(QUESTIONNAIRES))
def test_property__raising_one_answer_never_lowers_anything(ref: str) -> None:
    qn = QUESTIONNAIRES[ref]
    raisable = [q for q in qn.questions if q.kind in ("single", "multi", "yesno")]

    @SETTINGS
    @given(answers=answers_for(qn), pick=st.sampled_from(raisable))
    def prop(answers: dict[str, Any], pick: Question) -> None:
        higher = raise_one(pick, answers.get(pick.id))
        if higher is None:
            return
        before = assess(qn, answers)
        after = assess(qn, {**answers, pick.id: higher})
        assert after.score >= before.score - 1e-9, pick.id
        if dilutes_a_share(qn, pick, answers.get(pick.id), higher):
            return  # the documented exception: a ratio (see the module docstring)
        for which in ("tier", "eligible", "level"):
            assert rank(qn, after, which) >= rank(qn, before, which), (pick.id, which)
        for s_before, s_after in zip(before.sections, after.sections, strict=True):
            assert s_after.earned >= s_before.earned - 1e-9, (pick.id, s_after.id)

    prop()


@pytest.mark.parametrize("ref", sorted(QUESTIONNAIRES))
def test_property__scores_in_range_and_reached_rungs_fully_met(ref: str) -> None:
    qn = QUESTIONNAIRES[ref]

    @SETTINGS
    @given(answers=answers_for(qn))
    def prop(answers: dict[str, Any]) -> None:
        r = assess(qn, answers)
        assert 0 <= r.score <= r.max_score + 1e-9
        for s in r.sections:
            assert 0 <= s.earned <= s.max + 1e-9 and 0 <= s.percent <= 100 + 1e-9
        for rung in r.rungs:
            if rung.reached:
                assert all(c.met for c in rung.criteria if c.kind == "capability"), rung.id
            if rung.eligible:
                assert rung.reached and all(c.met for c in rung.criteria), rung.id
        # every gap is an unmet criterion of a rung not reached or not eligible
        unmet = {c.id for rung in r.rungs for c in rung.criteria if not c.met}
        assert {g.id for g in r.gaps} <= unmet

    prop()


def test_property__all_most_mature__top_rungs_and_full_score() -> None:
    sf = assess(QUESTIONNAIRES["smart_factory"], most_mature(QUESTIONNAIRES["smart_factory"]))
    assert sf.tier == "leading" and sf.eligible_tier == "leading" and sf.score == 100
    sme = assess(QUESTIONNAIRES["sme_digital"], most_mature(QUESTIONNAIRES["sme_digital"]))
    assert sme.level == 4 and sme.score == 100


def test_property__all_least_mature__nothing() -> None:
    for ref in ("smart_factory", "sme_digital"):
        r = assess(QUESTIONNAIRES[ref], least_mature(QUESTIONNAIRES[ref]))
        assert r.tier is None and r.level is None and r.score == 0, ref
