"""Answer validation: bad values raise AnswerError (a ValueError) naming the question."""

from __future__ import annotations

from typing import Any

import pytest

from assessment import AnswerError, assess
from assessment.engine.models import Questionnaire


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ({"nope": True}, ["nope", "unknown question id", "mini@1.0"]),
        ({"dig": "huge"}, ["dig", "'huge'", "not allowed", "low, mid, high"]),
        ({"dig": 2}, ["dig", "int"]),
        ({"gate": "yes"}, ["gate", "true or false"]),
        ({"gate": 1}, ["gate", "true or false"]),
        ({"measures": "m1"}, ["measures", "list"]),
        ({"measures": ["m1", "m1"]}, ["measures", "more than once"]),
        ({"measures": ["m3"]}, ["measures", "'m3'"]),
        ({"total": -1}, ["total", "below the minimum"]),
        ({"total": 1.5}, ["total", "whole number"]),
        ({"total": True}, ["total", "number"]),
        ({"total": float("nan")}, ["total", "finite"]),
        ({"total": "12"}, ["total", "number"]),
        ({"detail": "x" * 11}, ["detail", "at most 10"]),
        ({"detail": 3}, ["detail", "text"]),
        ({1: True}, ["1", "unknown question id"]),
    ],
)
def test_answers__bad_value__names_the_question(mini: Questionnaire, answers: dict[Any, Any], words: list[str]) -> None:
    with pytest.raises(AnswerError) as info:
        assess(mini, answers)
    assert isinstance(info.value, ValueError)
    for w in words:
        assert w in str(info.value)


def test_answers__not_a_mapping__refused(mini: Questionnaire) -> None:
    with pytest.raises(ValueError, match="mapping"):
        assess(mini, [("gate", True)])  # type: ignore[arg-type]


def test_answers__none_means_unanswered(mini: Questionnaire) -> None:
    assert assess(mini, {"gate": None, "dig": None}).answered == 0


def test_answers__multi_accepts_tuple_and_set(mini: Questionnaire) -> None:
    assert assess(mini, {"measures": ("m1",)}).score == assess(mini, {"measures": {"m1"}}).score
