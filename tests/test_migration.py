"""Carrying answers from smart_factory@2025.1 to 2025.2: the mapping, the pure migration and
``sfa migrate-answers``. Every 2025.1 example (kept in tests/fixtures/examples_2025.1) migrates
and assesses; the report names every changed id; 是 on a split practice becomes 是 on each
part and 否 becomes unanswered; a mapping that misses an id is refused naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assessment import assess, catalog, load_questionnaire
from assessment.cli import app
from assessment.engine.migration import AnswerMapping, check_mapping, migrate_answers
from assessment.io.answers_file import read_answers

from .conftest import most_mature

OLD, NEW = "smart_factory@2025.1", "smart_factory@2025.2"
EXAMPLES = sorted((Path(__file__).parent / "fixtures" / "examples_2025.1").glob("*.yaml"))


@pytest.fixture(scope="module")
def versions() -> tuple[AnswerMapping, object, object]:
    return catalog.load_migration(OLD, NEW), load_questionnaire(OLD), load_questionnaire(NEW)


def test_migration__2025_1_is_still_loadable_and_offers_2025_2() -> None:
    assert load_questionnaire(OLD).ref == OLD
    assert load_questionnaire("smart_factory").ref == NEW
    assert catalog.migration_targets(OLD) == [NEW]
    assert catalog.migration_targets(NEW) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_migration__every_2025_1_example_migrates_and_assesses(path: Path, versions: tuple) -> None:
    mapping, old, new = versions
    af = read_answers(path)
    assert af.questionnaire == OLD
    mig = migrate_answers(mapping, old, new, af.answers)
    r = assess(new, mig.answers, af.enterprise.profile())  # raises on any answer not valid in 2025.2
    assert r.questionnaire == NEW and set(mig.answers) <= set(new.question_index)
    # revenue is new: nobody is 规上 until it is answered, and the report says so
    assert "gate.main_revenue_last_year" in {i for c in mig.changes if c.kind == "new" for i in c.new_ids}
    assert r.eligible_tier is None


def _changed_ids(old: object, new: object, mapping: AnswerMapping) -> set[str]:
    o, n = set(old.question_index), set(new.question_index)  # type: ignore[attr-defined]
    parts = {t for ts in mapping.split.values() for t in ts}
    return (o ^ n) | set(mapping.split) | parts | set(mapping.renamed) | set(mapping.renamed.values())


@pytest.mark.parametrize("start", ["all_most_mature", "empty"])
def test_migration__round_trip_report_lists_every_changed_id(start: str, versions: tuple) -> None:
    mapping, old, new = versions
    answers = most_mature(old) if start == "all_most_mature" else {}
    mig = migrate_answers(mapping, old, new, answers)
    assert mig.changed_ids == _changed_ids(old, new, mapping)
    assert all(c.message.zh and c.message.en and c.label.zh for c in mig.changes)
    # nothing else changes: every id kept in both versions keeps its answer
    kept = set(old.question_index) & set(new.question_index) - set(mapping.split)
    assert {k: mig.answers.get(k) for k in kept if k in answers} == {k: answers[k] for k in kept if k in answers}


def test_migration__yes_on_compound_becomes_yes_on_each_part__no_becomes_unanswered(versions: tuple) -> None:
    mapping, old, new = versions
    src = "practice.production_management.advanced.safety_energy_environment_digital"
    parts = mapping.split[src]
    assert len(parts) == 3
    yes = migrate_answers(mapping, old, new, {src: True})
    assert all(yes.answers[p] is True for p in parts)
    no = migrate_answers(mapping, old, new, {src: False})
    assert not any(p in no.answers for p in parts)
    [change] = [c for c in no.changes if c.old_id == src]
    assert change.kind == "split" and "未作答" in change.message.zh
    # the 2025.2 gap then shows the parts as 未作答, not as 否
    r = assess(new, no.answers)
    items = {it.question_id: it for g in r.gaps if g.id == "advanced.depth.production_management" for it in g.items}
    assert all(items[p].unanswered and items[p].current.zh == "未作答" for p in parts)


def test_migration__invalid_old_answer_is_dropped_and_reported(versions: tuple) -> None:
    mapping, old, new = versions
    mig = migrate_answers(mapping, old, new, {"cmmm.level": "l9", "no.such.question": True})
    assert "cmmm.level" not in mig.answers
    assert {c.old_id for c in mig.changes if c.kind == "dropped"} == {"cmmm.level", "no.such.question"}


def test_migration__mapping_missing_an_id_is_refused_naming_it(versions: tuple) -> None:
    mapping, old, new = versions
    src = "practice.rd_design.basic.digital_design_tools"
    partial = mapping.model_copy(update={"split": {k: v for k, v in mapping.split.items() if k != src}})
    problems = check_mapping(partial, old, new)
    assert any(p.startswith(f"{src}: in {OLD} but not in {NEW}") for p in problems)
    assert any("practice.rd_design.basic.product_digital_design_tools: new in" in p for p in problems)
    wrong = mapping.model_copy(update={"new": (*mapping.new, "gate.clean_record")})
    assert any("new › gate.clean_record: already a question" in p for p in check_mapping(wrong, old, new))


runner = CliRunner()


def test_cli_migrate_answers__writes_a_2025_2_file_that_assesses(tmp_path: Path) -> None:
    out = tmp_path / "migrated.yaml"
    res = runner.invoke(app, ["migrate-answers", str(EXAMPLES[0]), "--to", NEW, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "[新增] 上年主营业务收入（万元）" in res.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 由 sfa migrate-answers 从 smart_factory@2025.1 迁移到 smart_factory@2025.2")
    assert read_answers(out).questionnaire == NEW
    res = runner.invoke(app, ["assess", str(out), "--json"])
    assert res.exit_code == 0 and '"questionnaire": "smart_factory@2025.2"' in res.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--to", NEW], "未注明版本"),
        (["--to", NEW, "--from", "2025.2"], "答卷已是"),
        (["--to", "smart_factory@2099.1", "--from", "2025.1"], "unknown version"),
        (["--to", "sme_digital@2024.1", "--from", "2025.1"], "--to: expected smart_factory@<version>"),
    ],
)
def test_cli_migrate_answers__bad_input__one_line_no_traceback(tmp_path: Path, args: list[str], words: str) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("questionnaire: smart_factory\nanswers:\n  gate.talent: true\n", encoding="utf-8")
    res = runner.invoke(app, ["migrate-answers", str(f), *args])
    assert res.exit_code == 2 and words in res.output and "Traceback" not in res.output


def test_cli_migrate_answers__from_option_pins_an_unpinned_file(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("questionnaire: smart_factory\nanswers:\n  gate.above_designated_size: true\n", encoding="utf-8")
    res = runner.invoke(app, ["migrate-answers", str(f), "--to", NEW, "--from", "2025.1", "--lang", "en"])
    assert res.exit_code == 0
    assert "gate.market_competitiveness: true" in res.stdout
