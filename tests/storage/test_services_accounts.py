"""Accounts: creation rules, no default password, argon2 hashes, and login throttling
that is persisted (it survives a restart and is shared by every app replica)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from assessment import services as svc
from assessment.services import Actor, Conflict, InvalidInput, InvalidState, LoginFailed, LoginThrottled, security
from assessment.storage import Database, open_database
from assessment.storage.tables import User

PW = "a sound passphrase"
OP = Actor.system("tests")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(db: Database) -> Clock:
    c = Clock()
    db.clock = c
    return c


def test_account__first_admin__created_by_the_operator_and_can_sign_in(db: Database) -> None:
    info = svc.create_user(db, OP, username="Admin1", password=PW, role="admin", display_name="系统管理员")
    assert info.username == "admin1" and info.role == "admin" and info.active
    actor = svc.authenticate(db, "ADMIN1 ", PW)
    assert actor.role == "admin" and actor.user_id == info.id


def test_account__password__is_stored_as_an_argon2id_hash(db: Database) -> None:
    svc.create_user(db, OP, username="someone", password=PW, role="consultant")
    with db.read() as s:
        stored = s.scalars(select(User.password_hash)).one()
    assert stored.startswith("$argon2id$") and PW not in stored


@pytest.mark.parametrize(
    ("password", "words"),
    [("", "at least"), ("short", "at least"), ("aaaaaaaaaaaa", "too simple"), ("someone123", "differ from the username")],
)
def test_account__weak_or_missing_password__refused(db: Database, password: str, words: str) -> None:
    with pytest.raises(InvalidInput) as info:
        svc.create_user(db, OP, username="someone123", password=password, role="consultant")
    assert words in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"role": "root"}, "role"),
        ({"role": "bureau"}, "jurisdiction"),
        ({"role": "bureau", "jurisdiction": "999999"}, "jurisdiction"),
        ({"role": "consultant", "jurisdiction": "510100"}, "jurisdiction"),
        ({"role": "enterprise", "username": "x"}, "username"),
    ],
)
def test_account__invalid_fields__refused_naming_the_field(db: Database, kwargs: dict[str, str], field: str) -> None:
    args = {"username": "valid_user", "password": PW, **kwargs}
    with pytest.raises(InvalidInput) as info:
        svc.create_user(db, OP, **args)  # type: ignore[arg-type]
    assert info.value.field == field


def test_account__duplicate_username__conflict(db: Database) -> None:
    svc.create_user(db, OP, username="dup", password=PW, role="consultant")
    with pytest.raises(Conflict, match="taken"):
        svc.create_user(db, OP, username="DUP", password=PW, role="admin")


def test_account__last_admin__cannot_be_disabled(db: Database) -> None:
    svc.create_user(db, OP, username="only_admin", password=PW, role="admin")
    with pytest.raises(InvalidState):
        svc.disable_user(db, OP, "only_admin")
    svc.create_user(db, OP, username="second_admin", password=PW, role="admin")
    assert not svc.disable_user(db, OP, "only_admin").active


def test_account__wrong_password_and_unknown_user__same_refusal(db: Database, clock: Clock) -> None:
    svc.create_user(db, OP, username="alice", password=PW, role="consultant")
    with pytest.raises(LoginFailed) as wrong:
        svc.authenticate(db, "alice", "not the password")
    with pytest.raises(LoginFailed) as unknown:
        svc.authenticate(db, "nobody", "not the password")
    assert str(wrong.value) == str(unknown.value) and type(wrong.value) is type(unknown.value)


def test_login__throttled_after_five_failures__even_with_the_right_password(db: Database, clock: Clock) -> None:
    svc.create_user(db, OP, username="alice", password=PW, role="consultant")
    for _ in range(security.FREE_ATTEMPTS):
        with pytest.raises(LoginFailed) as info:
            svc.authenticate(db, "alice", "guess")
        assert not isinstance(info.value, LoginThrottled)
    with pytest.raises(LoginThrottled) as throttled:
        svc.authenticate(db, "alice", PW)
    assert throttled.value.retry_after == security.LOCK_BASE_SECONDS
    clock.advance(security.LOCK_BASE_SECONDS + 1)
    with pytest.raises(LoginFailed):
        svc.authenticate(db, "alice", "guess again")  # sixth failure: a longer lock
    with pytest.raises(LoginThrottled) as longer:
        svc.authenticate(db, "alice", PW)
    assert longer.value.retry_after == 2 * security.LOCK_BASE_SECONDS
    clock.advance(2 * security.LOCK_BASE_SECONDS + 1)
    assert svc.authenticate(db, "alice", PW).username == "alice"  # success clears the counter
    with pytest.raises(LoginFailed) as info:
        svc.authenticate(db, "alice", "guess")
    assert not isinstance(info.value, LoginThrottled)


def test_login__throttle__survives_a_restart_and_is_shared_by_replicas(db: Database, db_url: str, clock: Clock) -> None:
    svc.create_user(db, OP, username="bob", password=PW, role="consultant")
    replica = open_database(db_url, clock=clock)  # another process, or the same after a restart
    try:
        for i in range(security.FREE_ATTEMPTS):
            with pytest.raises(LoginFailed):
                svc.authenticate(db if i % 2 else replica, "bob", "guess")
        with pytest.raises(LoginThrottled):
            svc.authenticate(replica, "bob", PW)
    finally:
        replica.dispose()
    db.dispose()
    restarted = open_database(db_url, clock=clock)
    try:
        with pytest.raises(LoginThrottled):
            svc.authenticate(restarted, "bob", PW)
    finally:
        restarted.dispose()


def test_login__unknown_usernames__throttled_alike(db: Database, clock: Clock) -> None:
    for _ in range(security.FREE_ATTEMPTS):
        with pytest.raises(LoginFailed):
            svc.authenticate(db, "ghost", "guess")
    with pytest.raises(LoginThrottled):
        svc.authenticate(db, "ghost", "guess")


def test_login__per_client_limit__stops_password_spraying(db: Database, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "CLIENT_FREE_ATTEMPTS", 3)
    for name in ("u1", "u2", "u3"):
        with pytest.raises(LoginFailed):
            svc.authenticate(db, name, "guess", client="203.0.113.7")
    with pytest.raises(LoginThrottled):
        svc.authenticate(db, "u4", "guess", client="203.0.113.7")
    with pytest.raises(LoginFailed) as other:
        svc.authenticate(db, "u4", "guess", client="198.51.100.1")
    assert not isinstance(other.value, LoginThrottled)


def test_account__password_change__needs_the_old_one(db: Database) -> None:
    svc.create_user(db, OP, username="carol", password=PW, role="consultant")
    carol = svc.authenticate(db, "carol", PW)
    with pytest.raises(LoginFailed):
        svc.change_password(db, carol, "wrong old one", "a brand new passphrase")
    svc.change_password(db, carol, PW, "a brand new passphrase")
    assert svc.authenticate(db, "carol", "a brand new passphrase").username == "carol"


def test_account__hash_with_old_parameters__upgraded_on_login(db: Database) -> None:
    from argon2 import PasswordHasher

    svc.create_user(db, OP, username="dave", password=PW, role="consultant")
    security.set_hasher(PasswordHasher(time_cost=2, memory_cost=1024, parallelism=1))
    try:
        svc.authenticate(db, "dave", PW)
        with db.read() as s:
            assert "t=2" in s.scalars(select(User.password_hash).where(User.username == "dave")).one()
    finally:
        security.set_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
