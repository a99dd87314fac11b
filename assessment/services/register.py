"""The register of 规上 enterprises, and diagnostic coverage against it.

A bureau imports its register (企业名录) as Excel or CSV; the file is the complete list for
the bureau's jurisdiction: entries of the jurisdiction missing from the file are removed,
entries elsewhere are never touched. A row outside the jurisdiction is an error like any
other, and nothing is imported while an error remains. An admin may import for any region.

**Coverage** = enterprises on the register (in the view's area and industry) with at least
one submitted assessment of any questionnaire by the view's date ÷ enterprises on the
register there. Enterprises are matched by 统一社会信用代码. The 未诊断企业名单 is the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy import ColumnElement, Table, case, delete, exists, func, insert, select, update
from sqlalchemy.engine import Connection

from ..io.register_file import Problem, RegisterFileError, read_register
from ..refdata import in_jurisdiction
from ..storage import Database
from ..storage import repositories as repo
from ..storage.tables import Organisation
from ..storage.tables_facts import RegisterEntry
from .actors import Actor, principal
from .bureau import Filters, Scope, area_clause, cached, cut_of, scope
from .errors import InvalidInput, PermissionDenied
from .facts import FACTS, bump

REGISTER = cast(Table, RegisterEntry.__table__)
ORGS = cast(Table, Organisation.__table__)
R = REGISTER.c


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int
    removed: int


def import_register(db: Database, actor: Actor, filename: str, data: bytes) -> ImportReport:
    """Replace the register of the caller's jurisdiction with the file's rows (all or nothing).

    Raises :class:`~assessment.io.register_file.RegisterFileError` (every problem, located).
    """
    rows = read_register(filename, data)
    with db.write() as s:
        p = principal(s, actor)
        if p.role == "bureau" and p.jurisdiction:
            jurisdiction = p.jurisdiction
        elif p.is_admin:
            jurisdiction = None
        else:
            raise PermissionDenied("导入企业名录（仅经信局或管理员可以）", "import a register (bureaus and admins only)")
        if jurisdiction is not None:
            outside = [
                Problem(
                    f"{filename} › 第{r.row}行 row {r.row} › 行政区划代码 region",
                    "不在本局辖区内",
                    f"{r.region_code} is outside your jurisdiction",
                )
                for r in rows
                if not in_jurisdiction(r.region_code, jurisdiction)
            ]
            if outside:
                raise RegisterFileError(outside)
        conn = s.connection()
        codes = [r.credit_code for r in rows]
        existing: dict[str, str] = {}
        for i in range(0, len(codes), 5000):
            chunk = select(R.credit_code, R.region_code).where(R.credit_code.in_(codes[i : i + 5000]))
            existing.update((str(c), str(r)) for c, r in conn.execute(chunk).all())
        if jurisdiction is not None:
            foreign = [r for r in rows if r.credit_code in existing and not in_jurisdiction(existing[r.credit_code], jurisdiction)]
            if foreign:
                raise RegisterFileError(
                    [
                        Problem(
                            f"{filename} › 第{r.row}行 row {r.row} › 统一社会信用代码 credit code",
                            "已在其他辖区的名录中",
                            "already on the register of another jurisdiction",
                        )
                        for r in foreign
                    ]
                )
        now = db.clock()
        keep = set(codes)
        removed = 0
        if jurisdiction is not None:
            old = [c for (c,) in conn.execute(select(R.credit_code).where(area_clause(R.region_code, jurisdiction))) if c not in keep]
            for i in range(0, len(old), 5000):
                removed += conn.execute(delete(REGISTER).where(R.credit_code.in_(old[i : i + 5000]))).rowcount
        new = [
            {
                "credit_code": r.credit_code,
                "name": r.name,
                "region_code": r.region_code,
                "industry_code": r.industry_code,
                "imported_at": now,
                "imported_by": p.username,
            }
            for r in rows
            if r.credit_code not in existing
        ]
        if new:
            conn.execute(insert(REGISTER), new)
        changed = [r for r in rows if r.credit_code in existing]
        for r in changed:
            conn.execute(
                update(REGISTER)
                .where(R.credit_code == r.credit_code)
                .values(name=r.name, region_code=r.region_code, industry_code=r.industry_code, imported_at=now, imported_by=p.username)
            )
        bump(conn)
        repo.add_audit(
            s,
            at=now,
            actor_id=p.user_id,
            actor=p.username,
            action="register.import",
            subject=filename[:120],
            detail={"added": len(new), "updated": len(changed), "removed": removed, "jurisdiction": jurisdiction},
        )
        return ImportReport(len(new), len(changed), removed)


@dataclass(frozen=True)
class Coverage:
    registered: int
    diagnosed: int
    by_area: list[tuple[str, int, int]]
    """(region code one level down, registered, diagnosed)."""
    by_industry: list[tuple[str, int, int]]

    @property
    def percent(self) -> float | None:
        return 100.0 * self.diagnosed / self.registered if self.registered else None


@dataclass(frozen=True)
class Undiagnosed:
    credit_code: str
    name: str
    region_code: str
    industry_code: str


def _diagnosed(sc: Scope, f: Filters) -> ColumnElement[bool]:
    """The register entry has a submission in the area by the view's date (any questionnaire,
    any round), matched by credit code: an EXISTS per entry, so a view reads the facts of the
    register's enterprises only (by the organisation index), never every fact of the area."""
    F = FACTS.c
    conds = [
        ORGS.c.credit_code == R.credit_code,
        area_clause(F.region_code, sc.jurisdiction),
        area_clause(F.region_code, sc.area),
    ]
    cut = cut_of(f)
    if cut is not None:
        conds.append(F.submitted_at < cut)
    return exists().select_from(ORGS.join(FACTS, F.organisation_id == ORGS.c.id)).where(*conds)


def _register_conds(sc: Scope, f: Filters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [area_clause(R.region_code, sc.jurisdiction), area_clause(R.region_code, sc.area)]
    if f.industry:
        conds.append(R.industry_code == f.industry)
    return conds


def coverage(db: Database, actor: Actor, filters: Filters) -> Coverage:
    """Coverage of the register in the view's area and industry (size, type, status do not apply)."""
    sc = scope(db, actor, filters)

    def compute(conn: Connection) -> Coverage:
        area = func.substr(R.region_code, 1, sc.level)
        stmt = (
            select(area, R.industry_code, func.count(), func.count(case((_diagnosed(sc, filters), 1))))
            .where(*_register_conds(sc, filters))
            .group_by(area, R.industry_code)
        )
        areas: dict[str, list[int]] = {}
        industries: dict[str, list[int]] = {}
        for a, i, n, m in conn.execute(stmt):
            for acc, key in ((areas, str(a).ljust(6, "0")), (industries, str(i))):
                cell = acc.setdefault(key, [0, 0])
                cell[0] += int(n)
                cell[1] += int(m)
        by_area = [(k, n, m) for k, (n, m) in sorted(areas.items())]
        by_industry = [(k, n, m) for k, (n, m) in sorted(industries.items())]
        return Coverage(sum(n for _, n, _ in by_area), sum(m for _, _, m in by_area), by_area, by_industry)

    return cached(db, ("coverage", sc.jurisdiction, filters.region, filters.industry, filters.period), compute)


def undiagnosed(db: Database, actor: Actor, filters: Filters, limit: int = 100_000) -> list[Undiagnosed]:
    """The 未诊断企业名单: enterprises on the register without a submission, by region and name."""
    if limit < 1:
        raise InvalidInput("limit", "至少为 1", "at least 1")
    sc = scope(db, actor, filters)

    def compute(conn: Connection) -> list[Undiagnosed]:
        stmt = (
            select(R.credit_code, R.name, R.region_code, R.industry_code)
            .where(*_register_conds(sc, filters), ~_diagnosed(sc, filters))
            .order_by(R.region_code, R.credit_code)
            .limit(limit)
        )
        return [Undiagnosed(*row) for row in conn.execute(stmt).all()]

    return cached(db, ("undiagnosed", sc.jurisdiction, filters.region, filters.industry, filters.period, limit), compute)
