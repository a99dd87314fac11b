"""Answer validation: a plain ``{question_id: value}`` mapping in, checked answers out.

Accepted values by question kind:

* single — one option value (str);
* multi — a list/tuple/set of distinct option values (an empty list means 无 / none);
* yesno — True or False (True is always the mature answer);
* number — int or float within the question's bounds (bool is refused);
* text — a string up to ``max_length`` characters.

``None`` means unanswered, which scores and grades as the least mature answer.
Anything else raises :class:`AnswerError`, a ``ValueError`` naming the question.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from .models import AnswerValue, Question, Questionnaire
from .text import control_problem


class AnswerError(ValueError):
    """An answer that does not fit its question. ``question_id`` names the place;
    ``message_zh`` / ``message`` say what is wrong in Chinese and English."""

    def __init__(self, question_id: str, message: str, message_zh: str = "") -> None:
        self.question_id = question_id
        self.message = message
        self.message_zh = message_zh or message
        both = f"{self.message_zh} / {message}" if message_zh else message
        super().__init__(f"{question_id}: {both}")


def _allowed(q: Question) -> str:
    return ", ".join(o.value for o in q.options)


def check_answer(q: Question, value: Any) -> AnswerValue | None:
    """Validate one answer for question ``q``; return its normalised form (None = unanswered)."""
    if value is None:
        return None
    if q.kind == "single":
        if not isinstance(value, str):
            raise AnswerError(
                q.id, f"expected one option value (text), got {type(value).__name__} {value!r}; allowed: {_allowed(q)}", "应为一个选项取值"
            )
        if q.option(value) is None:
            raise AnswerError(q.id, f"value {value!r} is not allowed; allowed: {_allowed(q)}", f"取值 {value!r} 不在允许范围内")
        return value
    if q.kind == "multi":
        if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
            raise AnswerError(
                q.id,
                f"expected a list of option values, got {type(value).__name__} {value!r}; allowed: {_allowed(q)}",
                "多选题应为选项取值的列表",
            )
        items = list(value)
        for v in items:
            if not isinstance(v, str) or q.option(v) is None:
                raise AnswerError(q.id, f"value {v!r} is not allowed; allowed: {_allowed(q)}", f"取值 {v!r} 不在允许范围内")
        if len(set(items)) != len(items):
            raise AnswerError(q.id, "an option is chosen more than once", "同一选项被重复选择")
        return tuple(o.value for o in q.options if o.value in set(items))
    if q.kind == "yesno":
        if not isinstance(value, bool):
            raise AnswerError(q.id, f"expected true or false, got {type(value).__name__} {value!r}", "应为“是”或“否”（true/false）")
        return value
    if q.kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise AnswerError(q.id, f"expected a number, got {type(value).__name__} {value!r}", "应为数字")
        if isinstance(value, float) and not math.isfinite(value):
            raise AnswerError(q.id, f"expected a finite number, got {value!r}", "应为有限的数字")
        spec = q.number
        if spec is not None:
            if spec.integer and isinstance(value, float) and not value.is_integer():
                raise AnswerError(q.id, f"expected a whole number, got {value!r}", "应为整数")
            if spec.min is not None and value < spec.min:
                raise AnswerError(q.id, f"{value!r} is below the minimum {spec.min:g}", f"不能小于 {spec.min:g}")
            if spec.max is not None and value > spec.max:
                raise AnswerError(q.id, f"{value!r} is above the maximum {spec.max:g}", f"不能大于 {spec.max:g}")
        return value
    # text
    if not isinstance(value, str):
        raise AnswerError(q.id, f"expected text, got {type(value).__name__} {value!r}", "应为文字")
    if len(value) > q.max_length:
        raise AnswerError(
            q.id,
            f"text is {len(value)} characters long; at most {q.max_length} are allowed",
            f"最多 {q.max_length} 个字，当前 {len(value)} 个字",
        )
    problem = control_problem(value, multiline=True)
    if problem is not None:
        raise AnswerError(q.id, problem[1], problem[0])
    return value


def check_answers(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, AnswerValue]:
    """Validate a whole answer mapping; unknown ids and bad values raise :class:`AnswerError`."""
    if not isinstance(answers, Mapping):
        raise AnswerError(
            "answers", f"expected a mapping of question id → answer, got {type(answers).__name__}", "答案应为“题目编号 → 答案”的映射"
        )
    index = questionnaire.question_index
    out: dict[str, AnswerValue] = {}
    for qid, value in answers.items():
        if not isinstance(qid, str) or qid not in index:
            raise AnswerError(str(qid), f"unknown question id in {questionnaire.ref}", "问卷中没有此题目编号")
        checked = check_answer(index[qid], value)
        if checked is not None:
            out[qid] = checked
    return out
