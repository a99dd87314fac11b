"""Organisations (enterprises): create with a validated profile, list, read, update.

The profile is checked against the reference lists: 统一社会信用代码 with its GB 32100-2015
check character, a GB/T 2260 region, a GB/T 4754-2017 manufacturing division, a size class
and a production type. One organisation per credit code: a duplicate is refused with a
message that says so (it does not reveal whose it is).

Who may create one: an admin; a consultant (the new organisation becomes its client); an
enterprise user without an organisation (it becomes theirs). Bureaus only read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..codes import credit_code_problem
from ..engine.models import Profile
from ..engine.text import control_problem
from ..refdata import industry_problem, load, region_problem
from ..storage import Database
from ..storage import repositories as repo
from ..storage.tables import ConsultantClient, Organisation, User
from .access import owns_org, require_org, visible_orgs_clause
from .actors import Actor, principal
from .errors import Conflict, InvalidInput, PermissionDenied


@dataclass(frozen=True)
class OrgInfo:
    id: int
    name: str
    credit_code: str
    region_code: str
    region_name: str
    industry_code: str
    size_class: str
    production_type: str
    created_at: datetime

    @classmethod
    def of(cls, o: Organisation) -> OrgInfo:
        return cls(
            o.id,
            o.name,
            o.credit_code,
            o.region_code,
            load().region_name(o.region_code),
            o.industry_code,
            o.size_class,
            o.production_type,
            o.created_at,
        )

    def profile(self) -> Profile:
        """The engine's view of the enterprise."""
        return Profile(
            name=self.name,
            credit_code=self.credit_code,
            region=self.region_code,
            industry=self.industry_code,
            size=self.size_class,
            production_type=self.production_type,
        )


@dataclass(frozen=True)
class OrgFields:
    """A checked, normalised profile."""

    name: str
    credit_code: str
    region_code: str
    industry_code: str
    size_class: str
    production_type: str


def check_fields(name: str, credit_code: str, region_code: str, industry_code: str, size_class: str, production_type: str) -> OrgFields:
    """Validate a profile; :class:`InvalidInput` names the first bad field."""
    ref = load()
    control = control_problem(str(name))
    if control is not None:
        raise InvalidInput("name", *control)
    name = " ".join(str(name).split())
    if not 2 <= len(name) <= 200:
        raise InvalidInput("name", "企业名称为 2–200 个字符", "the name has 2–200 characters")
    code = str(credit_code).strip().upper()
    problem = credit_code_problem(code)
    if problem:
        raise InvalidInput("credit_code", f"无效（{credit_code_problem(code, 'zh')}）", f"invalid: {problem}")
    region = str(region_code).strip()
    problem = region_problem(region, ref)
    if problem:
        raise InvalidInput(
            "region", f"行政区划代码无效（{region_problem(region, ref, 'zh')}）", f"invalid GB/T 2260 region code: {problem}"
        )
    industry = str(industry_code).strip()
    problem = industry_problem(industry, ref)
    if problem:
        raise InvalidInput(
            "industry", f"行业代码无效（{industry_problem(industry, ref, 'zh')}）", f"invalid GB/T 4754 industry code: {problem}"
        )
    if size_class not in ref.sizes:
        raise InvalidInput("size", f"企业规模应为 {' / '.join(ref.sizes)}", f"size must be one of {', '.join(ref.sizes)}")
    if production_type not in ref.production_types:
        choices = " / ".join(ref.production_types)
        raise InvalidInput("production_type", f"生产类型应为 {choices}", f"production type must be one of {choices}")
    return OrgFields(name, code, region, industry, size_class, production_type)


def _duplicate(code: str) -> Conflict:
    return Conflict(
        f"统一社会信用代码 {code} 已登记，不能重复创建企业", f"an organisation with 统一社会信用代码 {code} is already registered"
    )


def create_organisation(
    db: Database,
    actor: Actor,
    *,
    name: str,
    credit_code: str,
    region_code: str,
    industry_code: str,
    size_class: str,
    production_type: str,
) -> OrgInfo:
    fields = check_fields(name, credit_code, region_code, industry_code, size_class, production_type)
    with db.write() as s:
        p = principal(s, actor)
        if p.role == "bureau" or (p.role == "enterprise" and p.organisation_id is not None):
            raise PermissionDenied("创建企业", "create organisations")
        if repo.org_by_credit_code(s, fields.credit_code) is not None:
            raise _duplicate(fields.credit_code)
        now = db.clock()
        org = Organisation(**fields.__dict__, created_at=now, created_by=p.username)
        try:
            with s.begin_nested():
                s.add(org)
        except IntegrityError:  # created concurrently
            raise _duplicate(fields.credit_code) from None
        if p.role == "consultant" and p.user_id is not None:
            s.add(ConsultantClient(consultant_id=p.user_id, organisation_id=org.id, created_at=now))
        elif p.role == "enterprise" and p.user_id is not None:
            user = s.get(User, p.user_id)
            assert user is not None
            user.organisation_id = org.id
        repo.add_audit(
            s,
            at=now,
            actor_id=p.user_id,
            actor=p.username,
            action="organisation.create",
            organisation_id=org.id,
            subject=fields.credit_code,
            detail=dict(fields.__dict__),
        )
        return OrgInfo.of(org)


def update_organisation(db: Database, actor: Actor, organisation_id: int, **changes: str) -> OrgInfo:
    """Change name, region, industry, size or production type (the credit code is the identity)."""
    allowed = {"name", "region_code", "industry_code", "size_class", "production_type"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput(", ".join(sorted(unknown)), "不可修改的字段", "cannot be changed")
    with db.write() as s:
        p = principal(s, actor)
        org = require_org(s, p, organisation_id)
        if not (p.is_admin or owns_org(s, p, org.id)):
            raise PermissionDenied("修改企业信息", "change this organisation")
        current = {k: getattr(org, k) for k in allowed}
        new = check_fields(credit_code=org.credit_code, **{**current, **changes})
        diff = {k: [current[k], getattr(new, k)] for k in allowed if current[k] != getattr(new, k)}
        for k in diff:
            setattr(org, k, getattr(new, k))
        if diff:
            repo.add_audit(
                s,
                at=db.clock(),
                actor_id=p.user_id,
                actor=p.username,
                action="organisation.update",
                organisation_id=org.id,
                subject=org.credit_code,
                detail=diff,
            )
        return OrgInfo.of(org)


def list_organisations(db: Database, actor: Actor) -> list[OrgInfo]:
    """The organisations ``actor`` may see (admins: all)."""
    with db.read() as s:
        p = principal(s, actor)
        rows = s.scalars(select(Organisation).where(visible_orgs_clause(p)).order_by(Organisation.name))
        return [OrgInfo.of(o) for o in rows]


def get_organisation(db: Database, actor: Actor, organisation_id: int) -> OrgInfo:
    with db.read() as s:
        return OrgInfo.of(require_org(s, principal(s, actor), organisation_id))
