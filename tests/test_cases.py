"""Data-driven cases (tests/cases/**/*.yaml): answers in → expected tier, level, score, gaps.

Only the keys listed under ``expect`` are compared. A failure reads
``file › case › field: expected X, got Y``. Case keys:

    name:      test name (ASCII, reads as a specification)
    start:     empty (default) | top | bottom   – every question most / least mature
    top:       [question ids]   – set these to their most mature answer
    top_select: [{tags, stage, tier, section}]  – set every matching question to most mature
    bottom:    [question ids]   – set these to their least mature answer
    answers:   {question id: value}   – applied last
    profile:   {production_type: …}
    expect:    tier, eligible_tier, level, score, answered, gaps (exact set of gap ids),
               gaps_include, gaps_exclude, next_gaps (ids of gaps with blocks_next),
               warnings (exact set of warning ids), sections ({section id: earned points}),
               met (criterion ids that must be met), unmet (criterion ids that must be unmet),
               gap_items ({gap id: exact set of the question ids it asks to improve}),
               unanswered_items (exact set of the question ids shown as 「未作答」 in the gaps to the
               next step, i.e. those with blocks_next),
               roadmap_first_gap (a gap id the first roadmap item answers),
               roadmap_blocking_first (true: no item for a gap that does not block the next
               step comes before one that does), roadmap_phases (the phases present, in order),
               explanation_contains ({criterion id: text its zh explanation contains}),
               explanation_lacks ({criterion id: text its zh explanation must not contain})
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assessment import assess, load_questionnaire
from assessment.engine.models import Question, Questionnaire
from assessment.engine.results import Result

from .conftest import least_mature, most_mature

CASE_DIR = Path(__file__).parent / "cases"
FILES = sorted(CASE_DIR.rglob("*.yaml"))


def _load_cases() -> list[tuple[str, dict[str, Any], str]]:
    out = []
    for f in FILES:
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            out.append((f.relative_to(CASE_DIR).as_posix(), case, doc["questionnaire"]))
    return out


CASES = _load_cases()


def most_mature_one(q: Question) -> Any:
    if q.kind == "number":
        return q.number.max if q.number is not None else None
    if q.kind == "single":
        return q.options[-1].value
    if q.kind == "multi":
        return [o.value for o in q.options if not o.exclusive]
    return True if q.kind == "yesno" else None


def least_mature_one(q: Question) -> Any:
    if q.kind == "single":
        return q.options[0].value
    if q.kind == "multi":
        return []
    return False if q.kind == "yesno" else None


def build_answers(qn: Questionnaire, case: dict[str, Any]) -> dict[str, Any]:
    start = case.get("start", "empty")
    answers: dict[str, Any] = {"empty": {}, "top": most_mature(qn), "bottom": least_mature(qn)}[start]
    for sel in case.get("top_select", []):
        for q in qn.questions:
            if _matches(q, qn, sel):
                answers[q.id] = most_mature_one(q)
    for qid in case.get("top", []):
        answers[qid] = most_mature_one(qn.question(qid))
    for qid in case.get("bottom", []):
        answers[qid] = least_mature_one(qn.question(qid))
    answers.update(case.get("answers") or {})
    return answers


def _matches(q: Question, qn: Questionnaire, sel: dict[str, Any]) -> bool:
    if "tags" in sel and not set(sel["tags"]) <= set(q.tags):
        return False
    if "stage" in sel and q.stage != sel["stage"]:
        return False
    if "tier" in sel and q.tier != sel["tier"]:
        return False
    return "section" not in sel or qn.section_of(q.id).id == sel["section"]


def _actual(r: Result, key: str) -> Any:
    if key in ("tier", "eligible_tier", "level", "answered"):
        return getattr(r, key)
    if key == "score":
        return round(r.score, 4)
    if key == "gaps":
        return sorted(g.id for g in r.gaps)
    if key == "next_gaps":
        return sorted(g.id for g in r.gaps if g.blocks_next)
    if key == "warnings":
        return sorted(w.id for w in r.warnings)
    if key == "sections":
        return {s.id: round(s.earned, 4) for s in r.sections}
    raise KeyError(key)


def check(r: Result, expect: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    crit = {c.id: c for rung in r.rungs for c in rung.criteria}
    for key, want in expect.items():
        if key in ("gaps", "next_gaps", "warnings"):
            got = _actual(r, key)
            if got != sorted(want):
                problems.append(f"{key}: expected {sorted(want)}, got {got}")
        elif key == "gaps_include":
            missing = sorted(set(want) - {g.id for g in r.gaps})
            if missing:
                problems.append(f"gaps_include: missing {missing}")
        elif key == "gaps_exclude":
            present = sorted(set(want) & {g.id for g in r.gaps})
            if present:
                problems.append(f"gaps_exclude: present {present}")
        elif key in ("met", "unmet"):
            for cid in want:
                if cid not in crit:
                    problems.append(f"{key}: no criterion {cid}")
                elif crit[cid].met != (key == "met"):
                    problems.append(f"{key}: {cid} is {'met' if crit[cid].met else 'unmet'} ({crit[cid].explanation.en})")
        elif key == "gap_items":
            by_id = {g.id: g for g in r.gaps}
            for gid, qids in want.items():
                if gid not in by_id:
                    problems.append(f"gap_items › {gid}: no such gap")
                    continue
                got_items = sorted(it.question_id for it in by_id[gid].items)
                if got_items != sorted(qids):
                    problems.append(f"gap_items › {gid}: expected {sorted(qids)}, got {got_items}")
        elif key == "unanswered_items":
            got_blank = sorted({it.question_id for g in r.gaps if g.blocks_next for it in g.items if it.unanswered})
            if got_blank != sorted(want):
                problems.append(f"unanswered_items: expected {sorted(want)}, got {got_blank}")
        elif key == "roadmap_first_gap":
            first = r.roadmap[0].gap_ids if r.roadmap else ()
            if want not in first:
                problems.append(f"roadmap_first_gap: expected {want}, first item answers {list(first)}")
        elif key == "roadmap_blocking_first":
            flags = [it.blocking for it in r.roadmap]
            if want and flags != sorted(flags, reverse=True):
                late = next(it.recommendation_id for i, it in enumerate(r.roadmap) if it.blocking and not all(flags[:i]))
                problems.append(f"roadmap_blocking_first: blocking item {late} comes after a non-blocking one")
        elif key == "roadmap_phases":
            got_phases = list(dict.fromkeys(it.phase for it in r.roadmap))
            if got_phases != want:
                problems.append(f"roadmap_phases: expected {want}, got {got_phases}")
        elif key in ("explanation_contains", "explanation_lacks"):
            for cid, text in want.items():
                if cid not in crit:
                    problems.append(f"{key}: no criterion {cid}")
                elif (text in crit[cid].explanation.zh) != (key == "explanation_contains"):
                    problems.append(f"{key} › {cid}: {text!r} vs {crit[cid].explanation.zh!r}")
        elif key == "sections":
            got = _actual(r, key)
            for sid, pts in want.items():
                if got.get(sid) != pytest.approx(pts):
                    problems.append(f"sections › {sid}: expected {pts}, got {got.get(sid)}")
        else:
            got = _actual(r, key)
            ok = got == pytest.approx(want) if isinstance(want, float) else got == want
            if not ok:
                problems.append(f"{key}: expected {want!r}, got {got!r}")
    return problems


@pytest.mark.parametrize(("file", "case", "qref"), CASES, ids=[f"{f}::{c['name']}" for f, c, _ in CASES])
def test_case(file: str, case: dict[str, Any], qref: str) -> None:
    qn = load_questionnaire(qref)
    r = assess(qn, build_answers(qn, case), case.get("profile"))
    problems = check(r, case["expect"])
    assert not problems, "\n".join(f"{file} › {case['name']} › {p}" for p in problems)


def test_cases__every_rung_has_a_case_just_below_and_just_above() -> None:
    """Each rung of each built-in questionnaire is named by a case reaching it and one missing it."""
    for ref in ("smart_factory", "sme_digital"):
        qn = load_questionnaire(ref)
        names = [c["name"] for _, c, q in CASES if q == ref]
        for rung in qn.grading.rungs:
            assert any(n.startswith(f"{rung.id}__above") for n in names), f"{ref}: no case just above {rung.id}"
            assert any(n.startswith(f"{rung.id}__below") for n in names), f"{ref}: no case just below {rung.id}"
