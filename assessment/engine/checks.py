"""Semantic checks of a parsed questionnaire: what a schema alone cannot say.

Each problem is reported as ``file › place › field: message``. See :mod:`.loader`.
"""

from __future__ import annotations

from collections import Counter

from .conditions import AllOf, AllTrue, AnyOf, AtLeast, Condition, Count, IsTrue, NumberAtLeast, ProfileIn, Score, Selector, Share, walk
from .models import Question, Questionnaire

SEP = " › "
EPS = 1e-6


class _Checker:
    def __init__(self, q: Questionnaire, main: str, where: dict[str, str], rec_file: str | None) -> None:
        self.q = q
        self.main = main
        self.where = where
        self.rec_file = rec_file
        self.problems: list[str] = []
        self.index: dict[str, Question] = {}
        self.order: dict[str, int] = {}

    def add(self, file: str, *parts: str, msg: str) -> None:
        self.problems.append(SEP.join([file, *parts]) + f": {msg}")

    def file_of(self, qid: str) -> str:
        for s in self.q.sections:
            if any(x.id == qid for x in s.questions):
                return self.where.get(s.id, self.main)
        return self.main

    # ---------------------------------------------------------------------------
    def run(self) -> list[str]:
        self.ids()
        self.questions()
        self.points()
        self.ladder()
        self.consistency()
        self.recommendations()
        return self.problems

    def ids(self) -> None:
        sec_counts = Counter(s.id for s in self.q.sections)
        for sid, n in sec_counts.items():
            if n > 1:
                self.add(self.main, "sections", sid, msg=f"section id {sid!r} is used {n} times")
        seen: dict[str, str] = {}
        for s in self.q.sections:
            f = self.where.get(s.id, self.main)
            for qu in s.questions:
                if qu.id in seen:
                    self.add(f, qu.id, "id", msg=f"duplicate question id (also in {seen[qu.id]})")
                else:
                    seen[qu.id] = f
                    self.index[qu.id] = qu
                    self.order[qu.id] = len(self.order)
        docs = Counter(d.id for d in self.q.sources)
        for d, n in docs.items():
            if n > 1:
                self.add(self.main, "sources", d, msg="duplicate source id")

    def source(self, file: str, parts: tuple[str, ...], doc: str) -> None:
        if doc not in {d.id for d in self.q.sources}:
            known = ", ".join(d.id for d in self.q.sources)
            self.add(file, *parts, "source", "doc", msg=f"unknown source document {doc!r}; declared: {known}")

    def questions(self) -> None:
        stages = {s.id for s in self.q.stages.stages} if self.q.stages else set()
        guides = {g.id for g in self.q.stages.guide_stages} if self.q.stages else set()
        rungs = {r.id for r in self.q.grading.rungs}
        for s in self.q.sections:
            f = self.where.get(s.id, self.main)
            if s.source is not None:
                self.source(f, (s.id,), s.source.doc)
            for qu in s.questions:
                p = (qu.id,)
                if qu.kind in ("single", "multi"):
                    if len(qu.options) < 2:
                        self.add(f, *p, "options", msg=f"a {qu.kind} question needs at least 2 options")
                    dup = [v for v, n in Counter(o.value for o in qu.options).items() if n > 1]
                    if dup:
                        self.add(f, *p, "options", msg=f"duplicate option value(s): {', '.join(dup)}")
                elif qu.options:
                    self.add(f, *p, "options", msg=f"a {qu.kind} question has no options")
                if qu.kind == "single":
                    scores = [o.score for o in qu.options]
                    for i in range(1, len(scores)):
                        if scores[i] + EPS < scores[i - 1]:
                            self.add(
                                f,
                                *p,
                                "options",
                                qu.options[i].value,
                                "score",
                                msg="options must be ordered least → most mature (score lower than the option before)",
                            )
                if qu.kind == "number" and qu.number and qu.number.min is not None and qu.number.max is not None:
                    if qu.number.min > qu.number.max:
                        self.add(f, *p, "number", msg="min is greater than max")
                if qu.scored and (qu.source or s.source) is None:
                    self.add(f, *p, "source", msg="a scored question must cite its source (on the question or its section)")
                if qu.scored and (qu.confidence or s.confidence) is None:
                    self.add(f, *p, "confidence", msg="a scored question must carry a confidence mark (A, B or C)")
                if qu.source is not None:
                    self.source(f, p, qu.source.doc)
                if qu.stage is not None and qu.stage not in stages:
                    self.add(f, *p, "stage", msg=f"unknown stage {qu.stage!r}; declared: {', '.join(sorted(stages)) or 'none'}")
                if qu.guide_stage is not None and qu.guide_stage not in guides:
                    self.add(f, *p, "guide_stage", msg=f"unknown guide stage {qu.guide_stage!r}")
                if qu.tier is not None and qu.tier not in rungs:
                    self.add(f, *p, "tier", msg=f"unknown tier {qu.tier!r}; rungs: {', '.join(sorted(rungs))}")
                if qu.show_if is not None:
                    self.condition(f, (*p, "show_if"), qu.show_if, before=qu.id, monotone_only=True)
                if qu.applies_if is not None:
                    for c in walk(qu.applies_if):
                        if not isinstance(c, (ProfileIn, AllOf, AnyOf)):
                            self.add(f, *p, "applies_if", msg="applies_if may only test the enterprise profile (use show_if for answers)")

    def points(self) -> None:
        total = 0.0
        for s in self.q.sections:
            f = self.where.get(s.id, self.main)
            sec = 0.0
            for qu in s.questions:
                p = (qu.id,)
                if qu.kind == "single" and qu.scored:
                    top = max((o.score for o in qu.options), default=0.0)
                    if abs(top - qu.points) > EPS:
                        self.add(f, *p, "points", msg=f"declared {qu.points:g} points but the best option scores {top:g}")
                if qu.kind == "multi" and qu.scored:
                    top = sum(o.score for o in qu.options)
                    if abs(top - qu.points) > EPS:
                        self.add(f, *p, "points", msg=f"declared {qu.points:g} points but all options together score {top:g}")
                if qu.kind in ("number", "text") and qu.scored:
                    self.add(f, *p, "points", msg=f"{qu.kind} questions are not scored; set points to 0")
                if not qu.scored and any(o.score > 0 for o in qu.options):
                    self.add(f, *p, "points", msg="options carry scores but the question declares no points")
                sec += qu.points
            if s.points is not None and abs(sec - s.points) > EPS:
                self.add(f, s.id, "points", msg=f"declared {s.points:g} points but its questions add up to {sec:g}")
            total += sec
        if self.q.total_points is not None and abs(total - self.q.total_points) > EPS:
            self.add(self.main, "total_points", msg=f"declared {self.q.total_points:g} but the sections add up to {total:g}")

    def ladder(self) -> None:
        g = self.q.grading
        self.source(self.main, ("grading",), g.source.doc)
        ranks = sorted(r.rank for r in g.rungs)
        if ranks != list(range(1, len(ranks) + 1)):
            self.add(self.main, "grading", "rungs", msg=f"rung ranks must be 1..{len(ranks)} without gaps, got {ranks}")
        for rid, n in Counter(r.id for r in g.rungs).items():
            if n > 1:
                self.add(self.main, "grading", "rungs", rid, msg="duplicate rung id")
        crit_ids = Counter(c.id for r in g.rungs for c in r.criteria)
        for cid, n in crit_ids.items():
            if n > 1:
                self.add(self.main, "grading", cid, msg="duplicate criterion id")
        clash = set(crit_ids) & set(self.index)
        for cid in sorted(clash):
            self.add(self.main, "grading", cid, msg="criterion id equals a question id; keep them distinct")
        for r in g.rungs:
            self.source(self.main, ("grading", r.id), r.source.doc)
            for c in r.criteria:
                parts = ("grading", r.id, c.id)
                self.source(self.main, parts, c.source.doc)
                self.condition(self.main, (*parts, "require"), c.require)
        # thresholds must not fall as the ladder rises
        by_rank = sorted(g.rungs, key=lambda r: r.rank)
        last: dict[tuple[str, str], tuple[float, str]] = {}
        for r in by_rank:
            for c in r.criteria:
                for cond in walk(c.require):
                    key_val: tuple[tuple[str, str], float] | None = None
                    if isinstance(cond, Score):
                        key_val = (("score", cond.score.section or "*"), cond.score.min)
                    elif isinstance(cond, Share):
                        key_val = (("share", repr(cond.share.select) + cond.share.flag), cond.share.min)
                    if key_val is None:
                        continue
                    key, val = key_val
                    if key in last and val + EPS < last[key][0]:
                        self.add(
                            self.main,
                            "grading",
                            r.id,
                            c.id,
                            msg=f"threshold {val:g} is lower than {last[key][0]:g} on the lower rung {last[key][1]}",
                        )
                    last[key] = (val, r.id)

    def selector(self, file: str, parts: tuple[str, ...], sel: Selector) -> list[Question]:
        secs = {s.id for s in self.q.sections}
        if sel.section is not None and sel.section not in secs:
            self.add(file, *parts, "section", msg=f"unknown section {sel.section!r}")
        if sel.tier is not None and sel.tier not in {r.id for r in self.q.grading.rungs}:
            self.add(file, *parts, "tier", msg=f"unknown tier {sel.tier!r}")
        out = list(self.q.matching(sel))
        if not out:
            self.add(file, *parts, msg="selects no question")
        return out

    def condition(self, file: str, parts: tuple[str, ...], c: Condition, before: str | None = None, monotone_only: bool = False) -> None:
        for cond in walk(c):
            if monotone_only and not isinstance(cond, (IsTrue, AtLeast, NumberAtLeast, AllOf, AnyOf, ProfileIn)):
                self.add(file, *parts, msg="show_if may only use is_true, at_least, number_at_least, all, any and profile")
            if isinstance(cond, IsTrue):
                q = self.ref(file, parts, cond.is_true, before)
                if q is not None and q.kind != "yesno":
                    self.add(file, *parts, "is_true", msg=f"{cond.is_true!r} is a {q.kind} question, not yes/no")
            elif isinstance(cond, AtLeast):
                q = self.ref(file, parts, cond.at_least.question, before)
                if q is not None:
                    if q.kind != "single":
                        self.add(file, *parts, "at_least", msg=f"{q.id!r} is a {q.kind} question; at_least needs single choice")
                    elif q.option(cond.at_least.value) is None:
                        allowed = ", ".join(o.value for o in q.options)
                        msg = f"{cond.at_least.value!r} is not an option of {q.id!r}; options: {allowed}"
                        self.add(file, *parts, "at_least", "value", msg=msg)
            elif isinstance(cond, NumberAtLeast):
                q = self.ref(file, parts, cond.number_at_least.question, before)
                if q is not None:
                    spec = q.number
                    floor = cond.number_at_least.min
                    if q.kind != "number":
                        self.add(file, *parts, "number_at_least", msg=f"{q.id!r} is a {q.kind} question, not a number")
                    elif spec is not None and spec.max is not None and floor > spec.max:
                        self.add(file, *parts, "number_at_least", "min", msg=f"{floor:g} is above the largest allowed answer {spec.max:g}")
            elif isinstance(cond, AllTrue):
                self.selector(file, (*parts, "all_true"), cond.all_true)
            elif isinstance(cond, Count):
                qs = self.selector(file, (*parts, "count", "select"), cond.count.select)
                if cond.count.at_least is None and cond.count.flag is None:
                    self.add(file, *parts, "count", msg="give at_least (an option value) or flag")
                for qu in qs:
                    if cond.count.at_least is not None and qu.option(cond.count.at_least) is None:
                        self.add(file, *parts, "count", "at_least", msg=f"{cond.count.at_least!r} is not an option of {qu.id!r}")
                        break
                    if cond.count.flag is not None and not any(cond.count.flag in o.flags for o in qu.options):
                        self.add(file, *parts, "count", "flag", msg=f"no option of {qu.id!r} carries flag {cond.count.flag!r}")
                        break
                if cond.count.min > len(qs):
                    self.add(file, *parts, "count", "min", msg=f"requires {cond.count.min} but only {len(qs)} questions are selected")
            elif isinstance(cond, Share):
                qs = self.selector(file, (*parts, "share", "select"), cond.share.select)
                for flag in (cond.share.flag, cond.share.among):
                    if qs and not any(flag in o.flags for qu in qs for o in qu.options):
                        self.add(file, *parts, "share", msg=f"no selected option carries flag {flag!r}")
            elif isinstance(cond, Score):
                if cond.score.section is not None and cond.score.section not in {s.id for s in self.q.sections}:
                    self.add(file, *parts, "score", "section", msg=f"unknown section {cond.score.section!r}")
                top = self.q.total_points if cond.score.section is None and self.q.total_points is not None else 100.0
                if cond.score.min > top + EPS:
                    self.add(file, *parts, "score", "min", msg=f"{cond.score.min:g} can never be reached (maximum {top:g})")

    def ref(self, file: str, parts: tuple[str, ...], qid: str, before: str | None) -> Question | None:
        q = self.index.get(qid)
        if q is None:
            self.add(file, *parts, msg=f"unknown question id {qid!r}")
            return None
        if before is not None and self.order[qid] >= self.order[before]:
            self.add(file, *parts, msg=f"show_if refers to {qid!r}, which does not come before this question")
        return q

    def consistency(self) -> None:
        for rule in self.q.consistency:
            parts = ("consistency", rule.id)
            need: dict[str, tuple[str | None, ...]] = {
                "rank_not_above": (rule.left, rule.right),
                "number_not_above": (rule.left, rule.right),
                "band_matches_ratio": (rule.band, rule.numerator, rule.denominator),
                "implies": (),
                "agrees": (),
            }
            for qid in need[rule.kind]:
                if qid is None:
                    self.add(
                        self.main,
                        *parts,
                        msg=f"{rule.kind} needs "
                        + ", ".join(
                            {
                                "rank_not_above": "left, right",
                                "number_not_above": "left, right",
                                "band_matches_ratio": "band, numerator, denominator",
                            }[rule.kind]
                        ),
                    )
                    break
                if qid not in self.index:
                    self.add(self.main, *parts, msg=f"unknown question id {qid!r}")
            if rule.kind == "implies":
                if rule.when is None or rule.then is None:
                    self.add(self.main, *parts, msg="implies needs when and then")
                else:
                    self.condition(self.main, (*parts, "when"), rule.when)
                    self.condition(self.main, (*parts, "then"), rule.then)
            if rule.kind == "agrees":
                if rule.criterion is None or rule.then is None:
                    self.add(self.main, *parts, msg="agrees needs criterion and then")
                else:
                    if rule.criterion not in self.q.criterion_index:
                        self.add(self.main, *parts, "criterion", msg=f"unknown criterion {rule.criterion!r}")
                    self.condition(self.main, (*parts, "then"), rule.then)
            if rule.kind == "band_matches_ratio" and rule.band in self.index:
                if not all(o.range is not None for o in self.index[rule.band].options):
                    self.add(self.main, *parts, "band", msg="every option of the band question needs a range")
        for m in self.q.metrics:
            self.condition(self.main, ("metrics", m.id), m.of)

    def recommendations(self) -> None:
        recs = self.q.recommendations
        if recs is None:
            return
        f = self.rec_file or "recommendations"
        if recs.questionnaire != self.q.id:
            self.add(f, "questionnaire", msg=f"is for {recs.questionnaire!r}, not {self.q.id!r}")
        keys = set(self.index) | {c.id for r in self.q.grading.rungs for c in r.criteria}
        for rid, n in Counter(r.id for r in recs.recommendations).items():
            if n > 1:
                self.add(f, rid, msg="duplicate recommendation id")
        for rec in recs.recommendations:
            for k in rec.applies_to:
                if k not in keys:
                    self.add(f, rec.id, "applies_to", msg=f"{k!r} is neither a criterion nor a question of {self.q.ref}")
        pol = recs.policy
        for name, table in (("impact_weight", pol.impact_weight), ("effort_weight", pol.effort_weight)):
            for lvl in ("low", "medium", "high"):
                if lvl not in table or table[lvl] <= 0:
                    self.add(f, "policy", name, msg=f"needs a positive weight for {lvl!r}")
        for ph in ("near", "mid", "long"):
            if ph not in pol.phase_labels:
                self.add(f, "policy", "phase_labels", msg=f"needs a label for {ph!r}")


def check(q: Questionnaire, main: str, where: dict[str, str], rec_file: str | None) -> list[str]:
    """All semantic problems of ``q``; ``where`` maps section ids to their file names."""
    return _Checker(q, main, where, rec_file).run()
