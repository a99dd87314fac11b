"""The evaluation context: checked answers plus the derived facts rules are read against.

It answers the questions every rule asks — is this question applicable, is it shown, what
is its effective answer, how many points did it earn, which options/flags were chosen —
so scoring, grading, gaps and warnings all read answers the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .conditions import AllOf, AnyOf, AtLeast, Condition, IsTrue, ProfileIn, Selector
from .models import AnswerValue, Profile, Question, Questionnaire


def _round(x: float) -> float:
    """Round away float noise (13 × 0.7 + 0.9 must be exactly 10)."""
    return round(x + 0.0, 6)


@dataclass
class Context:
    questionnaire: Questionnaire
    answers: dict[str, AnswerValue]
    profile: Profile | None
    _stage_of_guide: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        sm = self.questionnaire.stages
        if sm is not None:
            for st in sm.stages:
                for g in st.guide_stages:
                    self._stage_of_guide[g] = st.id

    # --- applicability -------------------------------------------------------------
    def applies(self, q: Question) -> bool:
        """Profile-based applicability; with no profile everything applies."""
        if q.applies_if is None or self.profile is None:
            return True
        return self._profile_condition(q.applies_if)

    def _profile_condition(self, c: Condition) -> bool:
        assert self.profile is not None
        if isinstance(c, ProfileIn):
            value = getattr(self.profile, c.profile.field)
            return not value or value in c.profile.values
        if isinstance(c, AllOf):
            return all(self._profile_condition(x) for x in c.all)
        if isinstance(c, AnyOf):
            return any(self._profile_condition(x) for x in c.any)
        return True

    def shown(self, q: Question) -> bool:
        """Whether ``q`` is shown: applicable and its ``show_if`` (on answers) holds."""
        if not self.applies(q):
            return False
        if q.show_if is None:
            return True
        return self._answer_condition(q.show_if)

    def _answer_condition(self, c: Condition) -> bool:
        if isinstance(c, IsTrue):
            return self.answer(c.is_true) is True
        if isinstance(c, AtLeast):
            q = self.questionnaire.question(c.at_least.question)
            return self.rank(q) >= q.rank(c.at_least.value)
        if isinstance(c, AllOf):
            return all(self._answer_condition(x) for x in c.all)
        if isinstance(c, AnyOf):
            return any(self._answer_condition(x) for x in c.any)
        if isinstance(c, ProfileIn):
            return self.profile is None or self._profile_condition(c)
        return True

    # --- answers -------------------------------------------------------------------
    def answer(self, qid: str) -> AnswerValue | None:
        """The effective answer: None when unanswered, hidden or not applicable."""
        q = self.questionnaire.question(qid)
        if qid not in self.answers or not self.shown(q):
            return None
        return self.answers[qid]

    def rank(self, q: Question) -> int:
        """Maturity rank of the answer: option index for single, 1/0 for yes/no, -1 unanswered."""
        a = self.answer(q.id)
        if a is None:
            return -1
        if q.kind == "single" and isinstance(a, str):
            return q.rank(a)
        if q.kind == "yesno":
            return 1 if a is True else 0
        return -1

    def is_top(self, q: Question) -> bool:
        """Whether the answer is the most mature one the question allows."""
        a = self.answer(q.id)
        if q.kind == "yesno":
            return a is True
        if q.kind == "single":
            return self.rank(q) == len(q.options) - 1
        if q.kind == "multi":
            return isinstance(a, tuple) and all(o.value in a for o in q.options if not o.exclusive)
        return a is not None

    def flags(self, q: Question) -> set[str]:
        a = self.answer(q.id)
        if q.kind == "single" and isinstance(a, str):
            opt = q.option(a)
            return set(opt.flags) if opt else set()
        if q.kind == "multi" and isinstance(a, tuple):
            out: set[str] = set()
            for v in a:
                opt = q.option(v)
                if opt:
                    out.update(opt.flags)
            return out
        return set()

    def earned(self, q: Question) -> float:
        """Points earned by ``q`` (0 when unanswered, hidden or not applicable)."""
        a = self.answer(q.id)
        if a is None or not q.scored:
            return 0.0
        if q.kind == "single" and isinstance(a, str):
            opt = q.option(a)
            return min(opt.score if opt else 0.0, q.points)
        if q.kind == "multi" and isinstance(a, tuple):
            total = sum((o.score for o in q.options if o.value in a), 0.0)
            return _round(min(total, q.points))
        if q.kind == "yesno":
            return (q.yes_score if q.yes_score is not None else q.points) if a is True else 0.0
        return 0.0

    # --- selection -----------------------------------------------------------------
    def stage_of(self, q: Question) -> str | None:
        if q.stage is not None:
            return q.stage
        if q.guide_stage is not None:
            return self._stage_of_guide.get(q.guide_stage)
        return None

    def select(self, sel: Selector) -> list[Question]:
        """Applicable questions matching a selector, in display order."""
        out: list[Question] = []
        for s in self.questionnaire.sections:
            if sel.section is not None and s.id != sel.section:
                continue
            for q in s.questions:
                if sel.tags and not set(sel.tags) <= set(q.tags):
                    continue
                if sel.stage is not None and self.stage_of(q) != sel.stage:
                    continue
                if sel.tier is not None and q.tier != sel.tier:
                    continue
                if self.applies(q):
                    out.append(q)
        return out

    def display(self, q: Question) -> tuple[str, str]:
        """The answer as (zh, en) display text."""
        a = self.answer(q.id)
        if a is None:
            return ("未作答", "not answered")
        if q.kind == "single" and isinstance(a, str):
            opt = q.option(a)
            return (opt.label.zh, opt.label.en) if opt else (a, a)
        if q.kind == "multi" and isinstance(a, tuple):
            opts = [o for o in (q.option(v) for v in a) if o is not None and not o.exclusive]
            if not opts:
                return ("无", "none")
            return (
                "；".join(o.label.zh for o in opts if o),
                "; ".join(o.label.en for o in opts if o),
            )
        if q.kind == "yesno":
            return ("是", "yes") if a is True else ("否", "no")
        if q.kind == "number":
            unit = q.number.unit if q.number and q.number.unit else None
            text = f"{a:g}" if isinstance(a, (int, float)) else str(a)
            return (text + (f" {unit.zh}" if unit else ""), text + (f" {unit.en}" if unit else ""))
        return (str(a), str(a))
