"""The corpus of deliberately broken questionnaires (tests/broken/*.yaml).

Each case patches the valid mini questionnaire (tests/fixtures) and lists the words the
error must contain, so an author reading the message is sent to the right place.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assessment.catalog import load_dir
from assessment.engine.loader import QuestionnaireError

CASES = sorted((Path(__file__).parent / "broken").glob("*.yaml"))


def test_broken__corpus_is_not_empty() -> None:
    assert len(CASES) >= 20


def test_broken__base_fixture_is_valid(mini_copy: Path) -> None:
    assert load_dir(mini_copy).ref == "mini@1.0"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_broken__error_names_the_place(case: Path, mini_copy: Path) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    for p in spec["patch"]:
        target = (mini_copy / p["file"]).resolve()
        text = target.read_text(encoding="utf-8")
        if p["find"] == "*":
            text = p["replace"]
        else:
            assert p["find"] in text, f"{case.name}: patch text not found in {p['file']}"
            text = text.replace(p["find"], p["replace"], 1)
        target.write_text(text, encoding="utf-8")
    with pytest.raises(QuestionnaireError) as info:
        load_dir(mini_copy)
    message = "\n".join(info.value.problems)
    for word in spec["expect"]:
        assert word in message, f"{case.name}: expected {word!r} in:\n{message}"
