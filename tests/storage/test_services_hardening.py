"""Issue 8 at the service layer, on both databases: throttling that never locks out the
public, sessions that end, an atomic first start, demo data without an admin, no silent
overwrite, clean refusals for hostile values, and exports that follow the access table."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assessment import load_questionnaire
from assessment import services as svc
from assessment.services import (
    Actor,
    EditConflict,
    InvalidInput,
    InvalidState,
    LoginFailed,
    LoginThrottled,
    NotAuthenticated,
    NotFound,
    security,
)
from assessment.storage import Database, open_database
from assessment.storage.tables import LoginThrottle, User

from .test_services_accounts import Clock
from .world import PASSWORD, World

PW = "a sound passphrase"
OP = Actor.system("tests")


@pytest.fixture
def clock(db: Database) -> Clock:
    c = Clock()
    db.clock = c
    return c


@pytest.fixture
def pauses() -> list[float]:
    """The per-account slow-downs, recorded instead of slept."""
    seen: list[float] = []
    security.set_pause(seen.append)
    yield seen
    security.set_pause(None)


# --- throttling ---------------------------------------------------------------------------


def test_login__200_successes_in_a_row_from_one_client__all_succeed(db: Database, clock: Clock) -> None:
    svc.create_user(db, OP, username="admin1", password=PW, role="admin")
    for _ in range(200):
        clock.advance(60)
        assert svc.authenticate(db, "admin1", PW, client="session:shared").username == "admin1"
    with db.read() as s:
        assert s.scalar(select(func.coalesce(func.sum(LoginThrottle.failures), 0))) == 0


def test_login__13_wrong_guesses_by_one_client__do_not_stop_the_owner_on_another(db: Database, clock: Clock) -> None:
    svc.create_user(db, OP, username="admin1", password=PW, role="admin")
    for _ in range(13):
        with pytest.raises(LoginFailed):
            svc.authenticate(db, "admin1", "guess", client="ip:203.0.113.7")
        clock.advance(1)
    with pytest.raises(LoginThrottled) as locked:
        svc.authenticate(db, "admin1", PW, client="ip:203.0.113.7")
    assert locked.value.retry_after <= security.LOCK_MAX_SECONDS
    assert svc.authenticate(db, "admin1", PW, client="ip:198.51.100.1").username == "admin1"


def test_login__pair_back_off__is_exponential_and_capped(db: Database, clock: Clock) -> None:
    waits = []
    for _ in range(security.FREE_ATTEMPTS + 20):
        try:
            svc.authenticate(db, "ghost", "guess", client="ip:203.0.113.9")
        except LoginThrottled as exc:
            waits.append(exc.retry_after)
            clock.advance(exc.retry_after)
            continue
        except LoginFailed:
            pass
    assert waits[0] == security.LOCK_BASE_SECONDS and waits == sorted(waits)
    assert max(waits) == security.LOCK_MAX_SECONDS


def test_login__many_clients_guessing_one_account__slow_it_but_never_lock_it(db: Database, clock: Clock, pauses: list[float]) -> None:
    svc.create_user(db, OP, username="admin1", password=PW, role="admin")
    for n in range(security.ACCOUNT_FREE_ATTEMPTS + 15):
        with pytest.raises(LoginFailed) as failed:
            svc.authenticate(db, "admin1", "guess", client=f"ip:203.0.113.{n}")
        assert not isinstance(failed.value, LoginThrottled)
    assert pauses and max(pauses) <= security.ACCOUNT_DELAY_MAX
    pauses.clear()
    assert svc.authenticate(db, "admin1", PW, client="ip:198.51.100.1").username == "admin1"
    assert pauses == [security.ACCOUNT_DELAY_MAX]  # slowed, not refused
    pauses.clear()
    assert svc.authenticate(db, "admin1", PW, client="ip:198.51.100.1").username == "admin1"
    assert pauses == []  # the success cleared the account's count


def test_login__throttle_rows__purged_after_a_quiet_day(db: Database, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "_last_purge", None)
    for n in range(5):
        with pytest.raises(LoginFailed):
            svc.authenticate(db, f"nobody{n}", "guess", client=f"ip:203.0.113.{n}")
    clock.advance(security.FORGET_AFTER.total_seconds() + security.PURGE_EVERY.total_seconds() + 1)
    with pytest.raises(LoginFailed):
        svc.authenticate(db, "someone", "guess", client="ip:198.51.100.2")
    with db.read() as s:
        keys = set(s.scalars(select(LoginThrottle.key)))
    assert keys == {"pair:someone|ip:198.51.100.2", "client:ip:198.51.100.2", "account:someone"}


def test_password_change__guesses_of_the_old_password__are_throttled(db: Database, clock: Clock) -> None:
    svc.create_user(db, OP, username="carol", password=PW, role="consultant")
    carol = svc.authenticate(db, "carol", PW, client="ip:203.0.113.5")
    for _ in range(security.FREE_ATTEMPTS):
        with pytest.raises(LoginFailed) as info:
            svc.change_password(db, carol, "guess", "another sound passphrase", client="ip:203.0.113.5")
        assert not isinstance(info.value, LoginThrottled)
    with pytest.raises(LoginThrottled):
        svc.change_password(db, carol, PW, "another sound passphrase", client="ip:203.0.113.5")


# --- sessions -----------------------------------------------------------------------------


def test_sessions__password_reset__ends_every_session_of_the_account(world: World) -> None:
    db = world.db
    before = svc.authenticate(db, "ent_a", PASSWORD)
    svc.save_answer(db, before, world.assessments["a_draft"], world.qid, world.value)
    svc.set_password(db, OP, "ent_a", "a brand new passphrase")
    with pytest.raises(NotAuthenticated):
        svc.current_actor(db, before)
    with pytest.raises(NotAuthenticated):
        svc.save_answer(db, before, world.assessments["a_draft"], world.qid, None)  # the hot path checks too
    with pytest.raises(NotAuthenticated):
        svc.get_assessment(db, before, world.assessments["a_draft"])
    after = svc.authenticate(db, "ent_a", "a brand new passphrase")
    assert svc.get_assessment(db, after, world.assessments["a_draft"]).summary.id == world.assessments["a_draft"]


def test_sessions__own_password_change__ends_the_other_sessions_and_keeps_this_one(world: World) -> None:
    db = world.db
    laptop = svc.authenticate(db, "ent_a", PASSWORD)
    phone = svc.authenticate(db, "ent_a", PASSWORD)
    laptop = svc.change_password(db, laptop, PASSWORD, "a brand new passphrase")
    assert svc.current_actor(db, laptop).username == "ent_a"
    with pytest.raises(NotAuthenticated):
        svc.current_actor(db, phone)


def test_sessions__disabling__ends_sessions_and_re_enabling_does_not_revive_them(world: World) -> None:
    db = world.db
    session = svc.authenticate(db, "ent_a", PASSWORD)
    svc.disable_user(db, OP, "ent_a")
    svc.enable_user(db, OP, "ent_a")
    with pytest.raises(NotAuthenticated):
        svc.current_actor(db, session)
    assert svc.current_actor(db, svc.authenticate(db, "ent_a", PASSWORD)).username == "ent_a"


# --- first start and demo -----------------------------------------------------------------


def _race(n: int, fn) -> list[object]:  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(n)
    results: list[object] = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = fn(i)
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_first_start__four_simultaneous_requests__create_exactly_one_admin(db_url: str, tmp_path: Path) -> None:
    token = svc.first_start_token(tmp_path).read_text(encoding="utf-8").strip()
    handles = [open_database(db_url) for _ in range(4)]  # as four app processes would
    try:
        results = _race(4, lambda i: svc.create_first_admin(handles[i], username=f"admin{i}", password=PW, token=token, directory=tmp_path))
    finally:
        for h in handles:
            h.dispose()
    made = [r for r in results if isinstance(r, svc.UserInfo)]
    refused = [r for r in results if isinstance(r, InvalidState)]
    assert len(made) == 1 and len(refused) == 3, results
    db = open_database(db_url)
    try:
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(User)) == 1
    finally:
        db.dispose()
    assert not (tmp_path / "first-start-token").exists()


def test_first_start__wrong_token__refused_and_nothing_claimed(db: Database, tmp_path: Path) -> None:
    svc.first_start_token(tmp_path)
    with pytest.raises(InvalidInput):
        svc.create_first_admin(db, username="admin1", password=PW, token="guess", directory=tmp_path)
    token = (tmp_path / "first-start-token").read_text(encoding="utf-8").strip()
    assert svc.create_first_admin(db, username="admin1", password=PW, token=token, directory=tmp_path).role == "admin"


def test_demo__needs_the_token_and_creates_no_admin(db: Database, tmp_path: Path) -> None:
    from assessment.demo import load_demo

    svc.first_start_token(tmp_path)
    with pytest.raises(InvalidInput):
        load_demo(db, token="guess", directory=tmp_path)
    token = (tmp_path / "first-start-token").read_text(encoding="utf-8").strip()
    accounts, password = load_demo(db, token=token, directory=tmp_path)
    with db.read() as s:
        roles = {row.username: row.role for row in s.execute(select(User.username, User.role))}
    assert "admin" not in roles.values() and set(accounts) == set(roles)
    assert len(password) >= 12
    with pytest.raises(InvalidState):  # the installation is claimed: no admin can be made from the web now
        svc.create_first_admin(db, username="admin1", password=PW, token=token, directory=tmp_path)


# --- no silent overwrite ------------------------------------------------------------------


def test_save__same_answer_changed_by_someone_else__refused_naming_who(world: World) -> None:
    db, aid = world.db, world.assessments["a_draft"]
    owner, consultant = world.actor("ent_a"), world.actor("cons_a")
    loaded = svc.get_assessment(db, owner, aid)
    other = svc.get_assessment(db, consultant, aid)
    options = [o.value for o in load_questionnaire(loaded.summary.questionnaire).question(world.qid).options]
    first = svc.save_answer(db, consultant, aid, world.qid, options[0], seen_version=other.version)
    with pytest.raises(EditConflict) as conflict:
        svc.save_answer(db, owner, aid, world.qid, options[1], seen_version=loaded.version)
    assert conflict.value.by == "cons_a" and conflict.value.current == options[0] and conflict.value.version == first.version
    assert "cons_a" in conflict.value.message("zh") and "cons_a" in conflict.value.message("en")
    assert svc.get_assessment(db, owner, aid).answers[world.qid] == options[0]  # nothing overwritten
    svc.save_answer(db, owner, aid, world.qid, options[1], seen_version=conflict.value.version)  # after seeing it: fine
    assert svc.get_assessment(db, owner, aid).answers[world.qid] == options[1]


def test_save__other_answers_changed_meanwhile__no_conflict(world: World) -> None:
    db, aid = world.db, world.assessments["a_draft"]
    owner, consultant = world.actor("ent_a"), world.actor("cons_a")
    loaded = svc.get_assessment(db, owner, aid)
    q = load_questionnaire(loaded.summary.questionnaire)
    others = [x for x in q.questions if x.kind == "single" and x.id != world.qid]
    svc.save_answer(db, consultant, aid, others[0].id, others[0].options[0].value, seen_version=loaded.version)
    saved = svc.save_answer(db, owner, aid, others[1].id, others[1].options[0].value, seen_version=loaded.version)
    assert saved.changed == 1


def test_save__without_a_seen_version__overwrites_as_an_import_does(world: World) -> None:
    db, aid = world.db, world.assessments["a_draft"]
    q = load_questionnaire(svc.get_assessment(db, world.actor("ent_a"), aid).summary.questionnaire)
    values = [o.value for o in q.question(world.qid).options]
    svc.save_answer(db, world.actor("cons_a"), aid, world.qid, values[0])
    assert svc.save_answer(db, world.actor("ent_a"), aid, world.qid, values[1]).changed == 1


# --- hostile values -----------------------------------------------------------------------


@pytest.mark.parametrize("ident", [99999999999999999999, 2**31, 0, -1, 2**63])
def test_ids__out_of_range__are_simply_not_found(world: World, ident: int) -> None:
    owner = world.actor("ent_a")
    with pytest.raises(NotFound):
        svc.get_assessment(world.db, owner, ident)
    with pytest.raises(NotFound):
        svc.save_answer(world.db, owner, ident, world.qid, world.value)
    with pytest.raises(NotFound):
        svc.get_evidence(world.db, owner, ident)
    with pytest.raises(NotFound):
        svc.get_organisation(world.db, owner, ident)


@pytest.mark.parametrize("bad", ["a\x00b", "tab\x1bescape", "c1\x85"])
def test_control_characters__refused_with_the_field_named__on_both_databases(world: World, bad: str) -> None:
    db, owner = world.db, world.actor("ent_a")
    aid = world.assessments["a_draft"]
    with pytest.raises(InvalidInput) as name:
        svc.update_organisation(db, owner, world.orgs["A"], name=f"成都{bad}有限公司")
    assert name.value.field == "name" and "U+" in name.value.message("zh")
    with pytest.raises(InvalidInput) as note:
        svc.add_note(db, owner, aid, world.qid, f"备注{bad}结尾")
    assert note.value.field == "text"
    with pytest.raises(InvalidInput) as reason:
        svc.return_assessment(db, world.actor("bur_sc"), world.assessments["a_sub"], f"原因{bad}结尾")
    assert reason.value.field == "reason"
    with pytest.raises(InvalidInput) as display:
        svc.create_user(db, OP, username="newbie", password=PW, role="consultant", display_name=f"张{bad}三")
    assert display.value.field == "display_name"


def test_control_characters__in_a_text_answer__refused_naming_the_question(world: World) -> None:
    db, owner = world.db, world.actor("ent_a")
    view = svc.start_assessment(db, owner, world.orgs["A"], "smart_factory")
    with pytest.raises(InvalidInput) as info:
        svc.save_answer(db, owner, view.summary.id, "cmmm.report", "报告\x00编号")
    assert info.value.field == "cmmm.report" and "U+0000" in info.value.message("zh")
    assert svc.save_answer(db, owner, view.summary.id, "cmmm.report", "报告编号\n第二行\t备注").changed == 1


# --- exports follow the access table --------------------------------------------------------


def test_export__admin__sees_no_assessment_content(world: World) -> None:
    with pytest.raises(svc.PermissionDenied):
        list(svc.iter_submissions(world.db, world.actor("admin")))
    everything = list(svc.iter_submissions(world.db, OP))  # the console operator holds the database anyway
    assert {r["assessment_id"] for r in everything} == {world.assessments[n] for n in ("a_sub", "b_sub", "m_sub", "q_sub")}
    sichuan = list(svc.iter_submissions(world.db, world.actor("bur_sc")))
    assert {r["assessment_id"] for r in sichuan} == {world.assessments[n] for n in ("a_sub", "b_sub", "m_sub")}
