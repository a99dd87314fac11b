"""The engine's one definition of progress: questions asked, answered, per part."""

from __future__ import annotations

from assessment import assess, load_questionnaire
from assessment.engine import progress


def test_progress__follow_up_question__counted_only_when_asked() -> None:
    qn = load_questionnaire("smart_factory")
    before = progress(qn, {})
    after = progress(qn, {"cmmm.level": "l2"})  # asks for the report number too
    assert after.total == before.total + 1 and after.answered == 1
    assert before.answered == 0 and before.first_open_part == 0


def test_progress__agrees_with_result_and_marks_complete_parts() -> None:
    qn = load_questionnaire("sme_digital")
    first = qn.sections[0]
    answers = {q.id: (q.options[0].value if q.kind == "single" else []) for q in first.questions if q.kind in ("single", "multi")}
    answers.update({q.id: q.number.min or 0 for q in first.questions if q.kind == "number" and q.number})
    p = progress(qn, answers)
    r = assess(qn, answers)
    assert (p.answered, p.total) == (r.answered, r.total_questions)
    assert p.parts[0].complete and not p.parts[1].complete
    assert p.first_open_part == 1 and p.parts[1].first_open == qn.sections[1].questions[0].id
    assert 0 < p.share < 1
