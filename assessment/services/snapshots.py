"""The Result snapshot stored with a submitted revision, and its compact summary.

The snapshot is exactly ``Result.model_dump_json()``, zlib-compressed (a smart-factory
Result is 90–280 kB of JSON, 15–60 kB compressed); it is written once, when the revision is
submitted, and read back with :func:`unpack` — never recomputed. The summary keeps what
listings and the bureau's dashboards aggregate over many submissions (scores, rung, section
percentages, unmet gap ids, metrics) so they never need to open snapshots.
"""

from __future__ import annotations

import zlib
from typing import Any

from ..engine.results import Result


def pack(result: Result) -> bytes:
    return zlib.compress(result.model_dump_json().encode("utf-8"), 6)


def unpack(blob: bytes) -> Result:
    return Result.model_validate_json(zlib.decompress(blob))


def rung_of(result: Result) -> tuple[str | None, int]:
    """(id, rank) of the tier or level reached; (None, 0) when none."""
    for r in result.rungs:
        if (result.tier is not None and r.id == result.tier) or (
            result.tier is None and result.level is not None and r.rank == result.level
        ):
            return r.id, r.rank
    return None, 0


def summary(result: Result) -> dict[str, Any]:
    rung, rank = rung_of(result)
    return {
        "questionnaire": result.questionnaire,
        "engine_version": result.engine_version,
        "grading": result.grading,
        "rung": rung,
        "rung_rank": rank,
        "tier": result.tier,
        "level": result.level,
        "eligible_tier": result.eligible_tier,
        "next_rung": result.next_rung,
        "score": result.score,
        "max_score": result.max_score,
        "answered": result.answered,
        "total_questions": result.total_questions,
        "sections": {s.id: s.percent for s in result.sections},
        "gaps": [g.id for g in result.gaps],
        "metrics": {m.id: m.value for m in result.metrics},
        "warnings": [w.id for w in result.warnings],
    }
