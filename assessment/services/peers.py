"""The peer benchmark an enterprise sees on its result page, with small cells suppressed.

Peers are the enterprises whose latest submitted round of the same questionnaire version is
in the facts: in the same city (市州) and industry division, in the same city, and in the
province's same industry. Nothing about a group is shown when it has fewer than
:data:`MIN_CELL` enterprises ("样本不足"), and the same holds for every rung cell inside a
group. Two safeguards against working a single enterprise out of the figures shown:

* **nested groups** — a group is also suppressed when it contains a smaller group that is
  shown and the difference between them is 1–4 enterprises (city vs city + industry, …);
* **complementary cells** — when exactly one rung cell of a group is suppressed, the next
  smallest non-zero cell is suppressed too, so the hidden one cannot be had by subtraction.

Only the assessment's owner (the enterprise or its linked consultant) may ask, and only for a
submitted assessment.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from sqlalchemy import func, select

from ..storage import Database
from .access import require_assessment
from .actors import Actor, principal
from .errors import InvalidState
from .facts import FACTS

F = FACTS.c
MIN_CELL = 5


@dataclass(frozen=True)
class PeerGroup:
    kind: str
    """``region_industry`` | ``region`` | ``province_industry``."""
    n: int | None
    """Enterprises in the group; None when suppressed."""
    median: float | None
    p25: float | None
    p75: float | None
    share_at_least: float | None
    """Share (0–100) of the group at the enterprise's rung or above (None when a cell is hidden)."""
    cells: tuple[tuple[int, int | None], ...]
    """(rung rank, enterprises) — None for a suppressed cell."""


@dataclass(frozen=True)
class PeerBenchmark:
    questionnaire: str
    city_code: str
    industry_code: str
    score: float
    rung_rank: int
    groups: tuple[PeerGroup, ...]


def _suppress_cells(counts: dict[int, int]) -> tuple[tuple[int, int | None], ...]:
    shown: dict[int, int | None] = {r: (n if n == 0 or n >= MIN_CELL else None) for r, n in counts.items()}
    hidden = [r for r, v in shown.items() if v is None]
    if len(hidden) == 1:
        rest = sorted((n, r) for r, n in counts.items() if shown[r] is not None and n > 0)
        if rest:
            shown[rest[0][1]] = None
    return tuple(sorted(shown.items()))


def peer_benchmark(db: Database, actor: Actor, assessment_id: int) -> PeerBenchmark:
    """The enterprise's score and rung against its peers (suppressed where too few)."""
    with db.read() as s:
        p = principal(s, actor)
        a, _ = require_assessment(s, p, assessment_id, "owner")
        own = s.execute(
            select(F.questionnaire_ref, F.city_code, F.industry_code, F.score, F.rung_rank).where(F.assessment_id == a.id)
        ).first()
        if own is None:
            raise InvalidState("评估尚未提交，暂无同行对比", "the assessment is not submitted; no peer benchmark yet")
        ref, city, industry, score, rank = own
        scopes = {
            "region_industry": [F.city_code == city, F.industry_code == industry],
            "region": [F.city_code == city],
            "province_industry": [F.province_code == city[:2] + "0000", F.industry_code == industry],
        }
        raw: dict[str, tuple[list[float], dict[int, int]]] = {}
        for kind, conds in scopes.items():
            where = [F.questionnaire_ref == ref, F.superseded_at.is_(None), *conds]
            scores = [float(x) for x in s.scalars(select(F.score).where(*where).order_by(F.score))]
            counts = {int(r): int(n) for r, n in s.execute(select(F.rung_rank, func.count()).where(*where).group_by(F.rung_rank))}
            raw[kind] = (scores, counts)
    sizes = {k: len(v[0]) for k, v in raw.items()}
    shown = {k: n >= MIN_CELL for k, n in sizes.items()}
    # nested pairs (inner ⊂ outer): an outer group shown beside a shown inner one must differ by 0 or ≥ MIN_CELL
    for inner, outer in (("region_industry", "region"), ("region_industry", "province_industry")):
        diff = sizes[outer] - sizes[inner]
        if shown[inner] and shown[outer] and 0 < diff < MIN_CELL:
            shown[outer] = False
    groups = []
    for kind, (scores, counts) in raw.items():
        if not shown[kind]:
            groups.append(PeerGroup(kind, None, None, None, None, None, ()))
            continue
        q = statistics.quantiles(scores, n=4, method="inclusive")
        cells = _suppress_cells(counts)
        at_least = sum(n for r, n in counts.items() if r >= rank)
        share = 100.0 * at_least / len(scores) if all(v is not None for _, v in cells) else None  # no subtraction of a hidden cell
        groups.append(PeerGroup(kind, len(scores), statistics.median(scores), q[0], q[2], share, cells))
    return PeerBenchmark(ref, city, industry, float(score), int(rank), tuple(groups))
