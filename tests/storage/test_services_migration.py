"""Moving a 2025.1 draft to smart_factory@2025.2: offered to the owner with the list of what
changed, a new draft is created with the answers carried over, the old draft and submitted
assessments stay as they are, and nobody else may do it (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from assessment import services as svc
from assessment.services import InvalidState, NotFound, PermissionDenied

from .world import World

OLD, NEW = "smart_factory@2025.1", "smart_factory@2025.2"
COMPOUND = "practice.production_management.advanced.safety_energy_environment_digital"


def _old_draft(w: World, answers: dict[str, object]) -> int:
    ent = w.actor("ent_a")
    aid = svc.start_assessment(w.db, ent, w.orgs["A"], OLD).summary.id
    svc.save_answers(w.db, ent, aid, answers)
    return aid


def test_migration__owner_is_offered_2025_2_with_the_changes(world: World) -> None:
    aid = _old_draft(world, {COMPOUND: True, "cmmm.level": "l2"})
    offer = svc.migration_offer(world.db, world.actor("ent_a"), aid)
    assert offer is not None and offer.from_ref == OLD and offer.to_ref == NEW and offer.migrated_to is None
    assert offer.answered == 2 and offer.carried == 4  # 3 parts of the compound + cmmm.level
    assert {"gate.main_revenue_last_year", COMPOUND} <= {i for c in offer.changes for i in (c.old_id, *c.new_ids)}
    # a consultant linked to the organisation is an owner too
    assert svc.migration_offer(world.db, world.actor("cons_a"), aid) is not None


def test_migration__no_offer_for_the_newest_version_or_a_submitted_one(world: World) -> None:
    ent = world.actor("ent_a")
    new_aid = svc.start_assessment(world.db, ent, world.orgs["A"], NEW).summary.id
    assert svc.migration_offer(world.db, ent, new_aid) is None
    aid = _old_draft(world, {"cmmm.level": "l2"})
    svc.submit(world.db, ent, aid)
    assert svc.migration_offer(world.db, ent, aid) is None
    with pytest.raises(InvalidState, match="已提交的评估保持原问卷版本"):
        svc.migrate_draft(world.db, ent, aid, NEW)
    assert svc.get_assessment(world.db, ent, aid).summary.questionnaire == OLD


def test_migration__creates_a_new_draft__old_one_kept__only_once(world: World) -> None:
    ent = world.actor("ent_a")
    aid = _old_draft(world, {COMPOUND: True, "practice.operations_management.basic.operations_information_system": False})
    moved = svc.migrate_draft(world.db, ent, aid, NEW)
    view = moved.view
    assert view.summary.id != aid and view.summary.questionnaire == NEW and view.summary.status == "draft" and view.editable
    assert view.answers == {
        "practice.production_management.advanced.safety_digital_control": True,
        "practice.production_management.advanced.energy_digital_control": True,
        "practice.production_management.advanced.environment_digital_control": True,
    }
    old = svc.get_assessment(world.db, ent, aid)
    assert old.summary.questionnaire == OLD and COMPOUND in old.answers
    # the new draft assesses on 2025.2 and is saved like any other
    assert svc.result(world.db, ent, view.summary.id).questionnaire == NEW
    svc.save_answer(world.db, ent, view.summary.id, "gate.main_revenue_last_year", 2500)
    offer = svc.migration_offer(world.db, ent, aid)
    assert offer is not None and offer.migrated_to == view.summary.id
    with pytest.raises(InvalidState, match=f"#{view.summary.id}"):
        svc.migrate_draft(world.db, ent, aid, NEW)
    actions = [e.action for e in svc.assessment_history(world.db, ent, view.summary.id)]
    assert "assessment.migrate" in actions


def test_migration__refused_to_others(world: World) -> None:
    aid = _old_draft(world, {"cmmm.level": "l2"})
    with pytest.raises(NotFound):
        svc.migrate_draft(world.db, world.actor("ent_b"), aid, NEW)
    with pytest.raises((NotFound, PermissionDenied)):
        svc.migration_offer(world.db, world.actor("bur_sc"), aid)
    with pytest.raises(svc.InvalidInput):
        svc.migrate_draft(world.db, world.actor("ent_a"), aid, "smart_factory@2099.1")
