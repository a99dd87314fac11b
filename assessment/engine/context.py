"""The evaluation context: checked answers plus the derived facts rules are read against.

It answers the questions every rule asks — is this question applicable, is it shown, what
is its effective answer, how many points did it earn, which options/flags were chosen —
so scoring, grading, gaps and warnings all read answers the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import Text, make
from .conditions import AllOf, AnyOf, AtLeast, Condition, IsTrue, NumberAtLeast, ProfileIn, Selector
from .models import AnswerValue, Profile, Question, Questionnaire
from .results import AnswerRef


def _round(x: float) -> float:
    """Round away float noise (13 × 0.7 + 0.9 must be exactly 10)."""
    return round(x + 0.0, 6)


@dataclass
class Context:
    questionnaire: Questionnaire
    answers: dict[str, AnswerValue]
    profile: Profile | None
    _effective: dict[str, AnswerValue] = field(default_factory=dict)
    _shown: dict[str, bool] = field(default_factory=dict)
    _selected: dict[Selector, list[Question]] = field(default_factory=dict)
    _flags: dict[str, set[str]] = field(default_factory=dict)
    _display: dict[str, Text] = field(default_factory=dict)
    _refs: dict[str, AnswerRef] = field(default_factory=dict)
    memo: dict[object, object] = field(default_factory=dict)
    """Outcomes of conditions already evaluated in this context, by condition identity."""

    def __post_init__(self) -> None:
        # effective answers in display order: show_if only looks at earlier questions
        for q in self.questionnaire.questions:
            visible = self.applies(q) and (q.show_if is None or self._answer_condition(q.show_if))
            self._shown[q.id] = visible
            if visible and q.id in self.answers:
                self._effective[q.id] = self.answers[q.id]

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
        return self._shown[q.id]

    def _answer_condition(self, c: Condition) -> bool:
        if isinstance(c, IsTrue):
            return self.answer(c.is_true) is True
        if isinstance(c, AtLeast):
            q = self.questionnaire.question(c.at_least.question)
            return self.rank(q) >= q.rank(c.at_least.value)
        if isinstance(c, NumberAtLeast):
            a = self.answer(c.number_at_least.question)
            return isinstance(a, (int, float)) and not isinstance(a, bool) and a >= c.number_at_least.min
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
        return self._effective.get(qid)

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

    def answered(self, qid: str) -> bool:
        """Whether ``qid`` has an effective answer (an empty multi-choice counts as answered)."""
        return qid in self._effective

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
        hit = self._flags.get(q.id)
        if hit is None:
            hit = self._flags[q.id] = self._compute_flags(q)
        return hit

    def _compute_flags(self, q: Question) -> set[str]:
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
    def select(self, sel: Selector) -> list[Question]:
        """Applicable questions matching a selector, in display order."""
        cached = self._selected.get(sel)
        if cached is not None:
            return cached
        base = self.questionnaire.matching(sel)
        out = [q for q in base if self.applies(q)]
        self._selected[sel] = out
        return out

    def display(self, q: Question) -> Text:
        """The answer as display text (zh/en), computed once per question."""
        hit = self._display.get(q.id)
        if hit is None:
            hit = self._display[q.id] = self._compute_display(q)
        return hit

    def _compute_display(self, q: Question) -> Text:
        a = self.answer(q.id)
        if a is None:
            return UNANSWERED
        if q.kind == "single" and isinstance(a, str):
            opt = q.option(a)
            return opt.label if opt else make(Text, zh=a, en=a)
        if q.kind == "multi" and isinstance(a, tuple):
            opts = [o for o in (q.option(v) for v in a) if o is not None and not o.exclusive]
            if not opts:
                return NONE
            return make(Text, zh="；".join(o.label.zh for o in opts), en="; ".join(o.label.en for o in opts))
        if q.kind == "yesno":
            return YES if a is True else NO
        if q.kind == "number":
            unit = q.number.unit if q.number and q.number.unit else None
            text = f"{a:g}" if isinstance(a, (int, float)) else str(a)
            return make(Text, zh=text + (f" {unit.zh}" if unit else ""), en=text + (f" {unit.en}" if unit else ""))
        return make(Text, zh=str(a), en=str(a))

    def answer_ref(self, q: Question) -> AnswerRef:
        """The question with its displayed answer, built once per question."""
        hit = self._refs.get(q.id)
        if hit is None:
            hit = self._refs[q.id] = make(AnswerRef, question_id=q.id, label=q.label, answer=self.display(q))
        return hit


UNANSWERED = Text(zh="未作答", en="not answered")
NONE = Text(zh="无", en="none")
YES = Text(zh="是", en="yes")
NO = Text(zh="否", en="no")
