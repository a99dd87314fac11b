"""The bureau's figures: SQL GROUP BYs over the facts, per questionnaire version, within the
bureau's jurisdiction, cached per (filter, data version).

A view is a :class:`Filters` — always one questionnaire version (figures of two versions are
never added up), optionally narrowed to a region inside the jurisdiction, an industry, size,
production type, status, and a period. Without a period the figures are the **current**
state: every enterprise's latest submitted round. With a period ``2026Q2`` they are the state
at the end of that quarter (the rounds submitted by then and not yet superseded then); the
change shown beside a headline figure is against the end of the quarter before.

Access: only bureau accounts; the region filter must lie inside the account's jurisdiction
(anything else is refused, never silently widened), and every query carries the
jurisdiction's code range, so no figure, list or export can include a region outside it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.engine import Connection

from ..refdata import REGION_RE, jurisdiction_prefix, load, prefix_range
from ..storage import Database
from .actors import Actor, principal
from .errors import InvalidInput, PermissionDenied
from .facts import CHINA, CRITERIA, FACTS, SECTIONS, data_version

T = TypeVar("T")
F = FACTS.c
PERIOD_RE = r"^[0-9]{4}Q[1-4]$"


@dataclass(frozen=True)
class Filters:
    """One view of the facts. ``region``: a GB/T 2260 code (province, city or county)."""

    questionnaire: str
    region: str | None = None
    industry: str | None = None
    size: str | None = None
    production_type: str | None = None
    status: str | None = None
    period: str | None = None

    def as_params(self) -> dict[str, str]:
        """The filters that are set, as URL query parameters."""
        return {k: v for k, v in asdict(self).items() if v}


@dataclass(frozen=True)
class Scope:
    """Who asks, and the code range they may see."""

    username: str
    jurisdiction: str
    area: str
    """The region the view covers: the filter's region, else the jurisdiction."""
    level: int
    """Digits of the codes one level below ``area``: 4 under a province (cities), else 6."""


def scope(db: Database, actor: Actor, filters: Filters) -> Scope:
    """The caller's scope for ``filters``; refuses non-bureau accounts and foreign regions."""
    with db.read() as s:
        p = principal(s, actor)
    if p.role != "bureau" or not p.jurisdiction:
        raise PermissionDenied("查看辖区统计（仅经信局账号可以）", "see jurisdiction figures (bureau accounts only)")
    area = p.jurisdiction
    if filters.region:
        if not REGION_RE.match(filters.region):
            raise InvalidInput("region", "行政区划代码为 6 位数字", "a region code has 6 digits")
        if not filters.region.startswith(jurisdiction_prefix(p.jurisdiction)):
            raise PermissionDenied(f"查看辖区以外的地区 {filters.region}", f"see region {filters.region}, outside your jurisdiction")
        area = filters.region
    if filters.period is not None:
        import re

        if not re.match(PERIOD_RE, filters.period):
            raise InvalidInput("period", "统计期为「年份Q季度」，如 2026Q3", "a period is YEARQn, e.g. 2026Q3")
    prefix = jurisdiction_prefix(area)
    return Scope(p.username, p.jurisdiction, area, 4 if len(prefix) == 2 else 6)


def quarter_start(period: str) -> datetime:
    """The first instant (UTC) of a quarter in China time."""
    year, q = int(period[:4]), int(period[5])
    return datetime(year, 3 * (q - 1) + 1, 1, tzinfo=UTC) - CHINA


def next_period(period: str) -> str:
    year, q = int(period[:4]), int(period[5])
    return f"{year + 1}Q1" if q == 4 else f"{year}Q{q + 1}"


def previous_period(period: str) -> str:
    year, q = int(period[:4]), int(period[5])
    return f"{year - 1}Q4" if q == 1 else f"{year}Q{q - 1}"


def area_clause(column: Any, area: str) -> ColumnElement[bool]:
    lo, hi = prefix_range(jurisdiction_prefix(area))
    return and_(column >= lo, column < hi) if hi is not None else column >= lo


def base_conditions(sc: Scope, f: Filters) -> list[ColumnElement[bool]]:
    """The view's questionnaire, area and dimension filters (every round, current or not)."""
    conds = [
        F.questionnaire_ref == f.questionnaire,
        area_clause(F.region_code, sc.jurisdiction),
        area_clause(F.region_code, sc.area),
    ]
    for column, value in (
        (F.industry_code, f.industry),
        (F.size_class, f.size),
        (F.production_type, f.production_type),
        (F.status, f.status),
    ):
        if value:
            conds.append(column == value)
    return conds


def state_conditions(cut: datetime | None) -> list[ColumnElement[bool]]:
    """Each enterprise's latest round: now (``cut`` None) or just before ``cut``."""
    if cut is None:
        return [F.superseded_at.is_(None)]
    return [F.submitted_at < cut, or_(F.superseded_at.is_(None), F.superseded_at >= cut)]


def conditions(sc: Scope, f: Filters, cut: datetime | None) -> list[ColumnElement[bool]]:
    """WHERE clauses of a view; ``cut``: the state just before that instant (None: now)."""
    return base_conditions(sc, f) + state_conditions(cut)


def cut_of(f: Filters) -> datetime | None:
    return quarter_start(next_period(f.period)) if f.period else None


# ── cache ──────────────────────────────────────────────────────────────────────────
_CACHE: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_LOCK = threading.Lock()
CACHE_SIZE = 256


def cached(db: Database, key: tuple[Any, ...], compute: Callable[[Connection], T]) -> T:
    """``compute(conn)`` once per (database, key, data version); all in one snapshot."""
    with db.read() as s:
        conn = s.connection()
        full = (db.url, data_version(conn), *key)
        with _LOCK:
            if full in _CACHE:
                _CACHE.move_to_end(full)
                return _CACHE[full]  # type: ignore[no-any-return]
        value = compute(conn)
    with _LOCK:
        _CACHE[full] = value
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()


# ── figures ────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Headline:
    enterprises: int
    mean_score: float | None
    by_rank: dict[int, int]
    """Enterprises per capability rung rank reached (0 = none)."""
    eligible_by_rank: dict[int, int]
    scenarios: int
    scenarios_ai: int

    def at_least(self, rank: int) -> int:
        return sum(n for r, n in self.by_rank.items() if r >= rank)

    def eligible_at_least(self, rank: int) -> int:
        return sum(n for r, n in self.eligible_by_rank.items() if r >= rank)


@dataclass(frozen=True)
class Dashboard:
    filters: Filters
    area: str
    headline: Headline
    previous: Headline
    previous_period: str
    by_area: list[tuple[str, int, int, float]]
    """(region code one level down, rung rank, enterprises, mean score)."""
    by_industry: list[tuple[str, int, int, float]]
    sections: list[tuple[str, int, int]]
    """(section id, 10-point bin 0–10, enterprises)."""
    blocking: list[tuple[str, int, int]]
    """(criterion id, rung rank, enterprises for whom it is unmet on their next rung)."""
    trend: list[tuple[str, int, int]]
    """(period, rung rank, submissions made in that period)."""


def _groups(conn: Connection, conds: Sequence[ColumnElement[bool]], *keys: Any) -> list[tuple[Any, ...]]:
    """One pass over the facts of a view: per ``keys`` (then rung and eligible rank), the
    enterprises, the sum of their scores and of their scenarios. Every headline, regional and
    industry figure is added up from these rows, so a view reads the facts once per state."""
    stmt = (
        select(
            *keys,
            F.rung_rank,
            F.eligible_rank,
            func.count(),
            func.sum(F.score),
            func.coalesce(func.sum(F.scenarios), 0),
            func.coalesce(func.sum(F.scenarios_ai), 0),
        )
        .where(*conds)
        .group_by(*keys, F.rung_rank, F.eligible_rank)
    )
    return [tuple(r) for r in conn.execute(stmt)]


def _headline_of(rows: Sequence[tuple[Any, ...]]) -> Headline:
    """The headline of :func:`_groups` rows (their last six columns)."""
    by_rank: dict[int, int] = {}
    eligible: dict[int, int] = {}
    total = 0.0
    n_all = scen = ai = 0
    for *_keys, rank, erank, n, score_sum, s1, s2 in rows:
        by_rank[int(rank)] = by_rank.get(int(rank), 0) + int(n)
        eligible[int(erank)] = eligible.get(int(erank), 0) + int(n)
        n_all += int(n)
        total += float(score_sum)
        scen += int(s1)
        ai += int(s2)
    return Headline(n_all, total / n_all if n_all else None, dict(sorted(by_rank.items())), dict(sorted(eligible.items())), scen, ai)


def _by_key(rows: Sequence[tuple[Any, ...]], index: int, pad: int = 0) -> list[tuple[str, int, int, float]]:
    """(key, rung rank, enterprises, mean score) from :func:`_groups` rows, by key and rank."""
    acc: dict[tuple[str, int], list[float]] = {}
    for row in rows:
        rank, n, score_sum = int(row[-6]), int(row[-4]), float(row[-3])
        code = str(row[index]).ljust(pad, "0") if pad else str(row[index])
        cell = acc.setdefault((code, rank), [0, 0.0])
        cell[0] += n
        cell[1] += score_sum
    return [(code, rank, int(n), total / n) for (code, rank), (n, total) in sorted(acc.items())]


def current_period(db: Database) -> str:
    now = db.clock() + CHINA
    return f"{now.year}Q{(now.month - 1) // 3 + 1}"


def dashboard(db: Database, actor: Actor, filters: Filters) -> Dashboard:
    """Everything the dashboard page shows, for one view."""
    sc = scope(db, actor, filters)
    period = filters.period or current_period(db)
    prev = previous_period(period)

    def compute(conn: Connection) -> Dashboard:
        conds = conditions(sc, filters, cut_of(filters))
        prev_conds = conditions(sc, filters, quarter_start(period))
        area = func.substr(F.region_code, 1, sc.level)
        rows = _groups(conn, conds, area, F.industry_code)
        by_area = _by_key(rows, 0, 6)
        by_industry = _by_key(rows, 1)
        S = SECTIONS.c
        bin_ = case(*[(S.percent < 10 * (b + 1), b) for b in range(10)], else_=10)
        sections = [
            (str(sid), int(b), int(n))
            for sid, b, n in conn.execute(
                select(S.section_id, bin_, func.count())
                .select_from(SECTIONS.join(FACTS, FACTS.c.assessment_id == S.assessment_id))
                .where(*conds)
                .group_by(S.section_id, bin_)
                .order_by(S.section_id, bin_)
            )
        ]
        C = CRITERIA.c
        blocking = [
            (str(cid), int(rank), int(n))
            for cid, rank, n in conn.execute(
                select(C.criterion_id, C.rung_rank, func.count())
                .select_from(CRITERIA.join(FACTS, FACTS.c.assessment_id == C.assessment_id))
                .where(*conds, C.blocking)
                .group_by(C.criterion_id, C.rung_rank)
                .order_by(func.count().desc(), C.criterion_id)
                .limit(15)
            )
        ]
        trend_conds = [*base_conditions(sc, filters), F.period <= period]
        trend = [
            (str(p), int(rank), int(n))
            for p, rank, n in conn.execute(
                select(F.period, F.rung_rank, func.count())
                .where(*trend_conds)
                .group_by(F.period, F.rung_rank)
                .order_by(F.period, F.rung_rank)
            )
        ]
        previous = _headline_of(_groups(conn, prev_conds))
        return Dashboard(filters, sc.area, _headline_of(rows), previous, prev, by_area, by_industry, sections, blocking, trend)

    return cached(db, ("dashboard", sc.jurisdiction, filters, period), compute)


def questionnaires(db: Database, actor: Actor) -> list[tuple[str, int]]:
    """The questionnaire versions with current submissions in the jurisdiction, and how many."""
    sc = scope(db, actor, Filters(questionnaire=""))

    def compute(conn: Connection) -> list[tuple[str, int]]:
        # the versions first (an index scan), then a count each on the index of current rows
        refs = sorted(str(r) for r in conn.scalars(select(F.questionnaire_ref).distinct()))
        out = []
        for ref in refs:
            where = [F.questionnaire_ref == ref, area_clause(F.region_code, sc.jurisdiction), F.superseded_at.is_(None)]
            n = int(conn.execute(select(func.count()).select_from(FACTS).where(*where)).scalar() or 0)
            if n:
                out.append((ref, n))
        return out

    return cached(db, ("questionnaires", sc.jurisdiction), compute)


def periods(db: Database, actor: Actor, questionnaire: str) -> list[str]:
    """The quarters in which submissions of ``questionnaire`` were made in the jurisdiction."""
    sc = scope(db, actor, Filters(questionnaire=questionnaire))

    def compute(conn: Connection) -> list[str]:
        stmt = (
            select(F.period)
            .where(F.questionnaire_ref == questionnaire, area_clause(F.region_code, sc.jurisdiction))
            .group_by(F.period)
            .order_by(F.period)
        )
        return [str(p) for p in conn.scalars(stmt)]

    return cached(db, ("periods", sc.jurisdiction, questionnaire), compute)


def region_label(code: str) -> str:
    """The GB/T 2260 name of a code (the last part: 成都市, 锦江区), or the code when unknown."""
    ref = load()
    for table in (ref.counties, ref.prefectures, ref.provinces):
        if code in table:
            return table[code].name
    return code


def region_choices(area: str) -> list[str]:
    """The codes one level below ``area`` that GB/T 2260 lists (cities of a province, counties of a city)."""
    ref = load()
    prefix = jurisdiction_prefix(area)
    if len(prefix) == 2:
        return sorted(c for c in ref.prefectures if c.startswith(prefix))
    if len(prefix) == 4:
        return sorted(c for c in ref.counties if c.startswith(prefix))
    return []
