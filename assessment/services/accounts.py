"""Accounts: create, list, disable; passwords; sign-in; consultant↔client links.

Only admins (and the console operator, :meth:`Actor.system`) manage accounts. The first
admin comes from ``sfa user add --role admin``; nothing creates an account by itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..engine.text import control_problem
from ..refdata import region_problem
from ..storage import Database
from ..storage import repositories as repo
from ..storage.tables import ConsultantClient, Organisation, User
from . import security
from .access import require_admin
from .actors import ROLES, Actor, principal
from .errors import Conflict, InvalidInput, InvalidState, LoginFailed, NotAuthenticated, NotFound

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.@\-]{2,63}$")


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: str
    organisation_id: int | None
    jurisdiction: str | None
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, u: User) -> UserInfo:
        return cls(u.id, u.username, u.display_name, u.role, u.organisation_id, u.jurisdiction, u.active, u.created_at)


def normalise_username(username: str) -> str:
    return username.strip().lower() if isinstance(username, str) else ""


def create_user(
    db: Database,
    actor: Actor,
    *,
    username: str,
    password: str,
    role: str,
    organisation_id: int | None = None,
    jurisdiction: str | None = None,
    display_name: str = "",
) -> UserInfo:
    """Create an account. Enterprise users may name their organisation; bureau users need a
    jurisdiction (a GB/T 2260 code); the password is checked and hashed with argon2."""
    name = normalise_username(username)
    if not USERNAME_RE.match(name):
        raise InvalidInput("username", "3–64 个字符：小写字母、数字及 _ . @ -", "3–64 characters: lower-case letters, digits and _ . @ -")
    if role not in ROLES:
        raise InvalidInput("role", f"角色应为 {' / '.join(ROLES)}", f"role must be one of {', '.join(ROLES)}")
    if role == "bureau":
        if not jurisdiction or region_problem(jurisdiction):
            raise InvalidInput(
                "jurisdiction",
                "经信局用户需要辖区行政区划代码（如 510100）",
                "a bureau user needs a jurisdiction GB/T 2260 code (e.g. 510100)",
            )
    elif jurisdiction:
        raise InvalidInput("jurisdiction", "只有经信局用户有辖区", "only bureau users have a jurisdiction")
    if organisation_id is not None and role != "enterprise":
        raise InvalidInput("organisation", "只有企业用户属于某个企业", "only enterprise users belong to an organisation")
    problem = control_problem(display_name)
    if problem is not None:
        raise InvalidInput("display_name", *problem)
    pw_hash = security.hash_password(password, name)
    with db.write() as s:
        p = principal(s, actor)
        require_admin(p, "管理账户", "manage accounts")
        return add_user(
            s, db, p, username=name, pw_hash=pw_hash, role=role, organisation_id=organisation_id,
            jurisdiction=jurisdiction, display_name=display_name,
        )


def add_user(
    s: Session,
    db: Database,
    p: Actor,
    *,
    username: str,
    pw_hash: str,
    role: str,
    organisation_id: int | None,
    jurisdiction: str | None,
    display_name: str,
) -> UserInfo:
    """Insert an account checked by :func:`create_user`, inside the caller's transaction."""
    name = username
    if organisation_id is not None and (not repo.valid_id(organisation_id) or s.get(Organisation, organisation_id) is None):
        raise NotFound("organisation", organisation_id)
    if repo.user_by_username(s, name) is not None:
        raise Conflict(f"用户名 {name} 已被使用", f"username {name} is taken")
    now = db.clock()
    user = User(
        username=name,
        display_name=display_name.strip()[:100],
        password_hash=pw_hash,
        role=role,
        organisation_id=organisation_id,
        jurisdiction=jurisdiction if role == "bureau" else None,
        active=True,
        created_at=now,
        password_changed_at=now,
        session_version=0,
    )
    try:
        with s.begin_nested():
            s.add(user)
    except IntegrityError:
        raise Conflict(f"用户名 {name} 已被使用", f"username {name} is taken") from None
    repo.add_audit(
        s,
        at=now,
        actor_id=p.user_id,
        actor=p.username,
        action="user.create",
        subject=name,
        detail={"role": role, "organisation_id": organisation_id, "jurisdiction": user.jurisdiction},
    )
    return UserInfo.of(user)


def current_actor(db: Database, actor: Actor) -> Actor:
    """The actor if its session still holds (account active, session version unchanged);
    otherwise :class:`NotAuthenticated`."""
    with db.read() as s:
        return principal(s, actor)


def has_users(db: Database) -> bool:
    """Whether any account exists (a fresh install shows how to create the first admin:
    ``sfa user add NAME --role admin``; the web app never creates one by itself)."""
    with db.read() as s:
        return s.execute(select(User.id).limit(1)).first() is not None


def list_users(db: Database, actor: Actor) -> list[UserInfo]:
    with db.read() as s:
        require_admin(principal(s, actor), "查看账户", "list accounts")
        return [UserInfo.of(u) for u in s.scalars(select(User).order_by(User.username))]


def _set_active(db: Database, actor: Actor, username: str, active: bool) -> UserInfo:
    name = normalise_username(username)
    with db.write() as s:
        p = principal(s, actor)
        require_admin(p, "管理账户", "manage accounts")
        user = repo.user_by_username(s, name)
        if user is None:
            raise NotFound("user", name)
        if not active and user.role == "admin" and user.active:
            admins = s.scalar(select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True)))
            if admins == 1:
                raise InvalidState("不能停用最后一个管理员", "cannot disable the last active admin")
        if user.active != active:
            user.active = active
            user.session_version += 1
            repo.add_audit(
                s,
                at=db.clock(),
                actor_id=p.user_id,
                actor=p.username,
                action="user.enable" if active else "user.disable",
                subject=name,
                detail={},
            )
        return UserInfo.of(user)


def disable_user(db: Database, actor: Actor, username: str) -> UserInfo:
    """Disable an account: it can no longer sign in, and its open sessions stop working."""
    return _set_active(db, actor, username, False)


def enable_user(db: Database, actor: Actor, username: str) -> UserInfo:
    return _set_active(db, actor, username, True)


def set_password(db: Database, actor: Actor, username: str, new_password: str) -> None:
    """An admin sets (resets) someone's password; every session of that account ends."""
    name = normalise_username(username)
    pw_hash = security.hash_password(new_password, name)
    with db.write() as s:
        p = principal(s, actor)
        require_admin(p, "重置密码", "reset passwords")
        user = repo.user_by_username(s, name)
        if user is None:
            raise NotFound("user", name)
        user.password_hash, user.password_changed_at = pw_hash, db.clock()
        user.session_version += 1
        security.clear_account(s, name)
        repo.add_audit(s, at=db.clock(), actor_id=p.user_id, actor=p.username, action="user.password_reset", subject=name, detail={})


def change_password(db: Database, actor: Actor, old_password: str, new_password: str, *, client: str | None = None) -> Actor:
    """A user changes their own password (the old one is required, and guesses of it are
    throttled like sign-ins). Every other session of the account ends; the returned
    :class:`Actor` keeps this one signed in."""
    with db.write() as s:
        p = principal(s, actor)
        attempt = security.count_attempt(s, p.username, client, db.clock())
    if attempt.delay:
        security.pause(attempt.delay)
    with db.read() as s:
        user = s.get(User, p.user_id)
        stored = user.password_hash if user is not None else None
    ok, _ = security.verify_password(stored, old_password)
    if not ok:
        raise LoginFailed()
    pw_hash = security.hash_password(new_password, p.username)
    with db.write() as s:
        security.succeeded(s, attempt)
        user = s.get(User, p.user_id)
        if user is None or not user.active or user.session_version != actor.session_version:
            raise NotAuthenticated()
        user.password_hash, user.password_changed_at = pw_hash, db.clock()
        user.session_version += 1
        repo.add_audit(s, at=db.clock(), actor_id=p.user_id, actor=p.username, action="user.password_change", subject=p.username, detail={})
        return Actor.of(user)


def authenticate(db: Database, username: str, password: str, *, client: str | None = None) -> Actor:
    """Sign in. Refusals: :class:`LoginFailed` (same for unknown user, wrong password,
    disabled account) and :class:`LoginThrottled` after repeated failures from this client
    (see :mod:`.security`). ``client`` names the caller (its address, or its session)."""
    name = normalise_username(username)[:64]
    with db.write() as s:
        attempt = security.count_attempt(s, name, client, db.clock())
    if attempt.delay:
        security.pause(attempt.delay)
    with db.read() as s:
        user = repo.user_by_username(s, name)
        stored = user.password_hash if user is not None and user.active else None
    ok, rehash = security.verify_password(stored, password)
    if not ok or user is None:
        raise LoginFailed()
    with db.write() as s:
        security.succeeded(s, attempt)
        fresh = s.get(User, user.id)
        if fresh is None or not fresh.active:
            raise LoginFailed()
        if rehash:
            fresh.password_hash = security.rehash(password)
        repo.add_audit(s, at=db.clock(), actor_id=fresh.id, actor=fresh.username, action="user.login", subject=fresh.username, detail={})
        return Actor.of(fresh)


def link_consultant(db: Database, actor: Actor, consultant: str, organisation_id: int) -> None:
    """Let a consultant work on an organisation's assessments (admin)."""
    with db.write() as s:
        p = principal(s, actor)
        require_admin(p, "管理服务商与企业的签约关系", "manage consultant links")
        user = repo.user_by_username(s, normalise_username(consultant))
        if user is None or user.role != "consultant":
            raise NotFound("user", consultant)
        if not repo.valid_id(organisation_id) or s.get(Organisation, organisation_id) is None:
            raise NotFound("organisation", organisation_id)
        if not repo.is_linked(s, user.id, organisation_id):
            s.add(ConsultantClient(consultant_id=user.id, organisation_id=organisation_id, created_at=db.clock()))
            repo.add_audit(
                s,
                at=db.clock(),
                actor_id=p.user_id,
                actor=p.username,
                action="link.create",
                organisation_id=organisation_id,
                subject=user.username,
                detail={},
            )


def unlink_consultant(db: Database, actor: Actor, consultant: str, organisation_id: int) -> None:
    with db.write() as s:
        p = principal(s, actor)
        require_admin(p, "管理服务商与企业的签约关系", "manage consultant links")
        user = repo.user_by_username(s, normalise_username(consultant))
        link = s.get(ConsultantClient, {"consultant_id": user.id, "organisation_id": organisation_id}) if user else None
        if link is None:
            raise NotFound("user", consultant)
        s.delete(link)
        repo.add_audit(
            s,
            at=db.clock(),
            actor_id=p.user_id,
            actor=p.username,
            action="link.delete",
            organisation_id=organisation_id,
            subject=consultant,
            detail={},
        )
