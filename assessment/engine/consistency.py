"""Consistency warnings: answers that contradict each other.

Warnings never change a score or a tier; they tell the user (and the reviewing bureau)
which answers to check. The rule kinds:

* ``rank_not_above`` — the answer to ``left`` should not be more mature than ``right``
  (e.g. 设备联网率 above 设备数字化率: networked equipment is normally digital);
* ``number_not_above`` — number ``left`` should not exceed number ``right``
  (e.g. digital equipment count > total equipment count);
* ``band_matches_ratio`` — the band chosen in ``band`` should contain
  100 × ``numerator`` / ``denominator`` (the counts given in the form fields);
* ``implies`` — when condition ``when`` holds, ``then`` should hold too;
* ``agrees`` — the condition of criterion ``criterion`` and ``then`` should come out the same
  once every question both read is answered (e.g. 规上 by revenue ≥ the threshold kept in
  ``basic.eligibility.above_scale`` against the yes/no answer on the 规上 register); the
  threshold stays in one place, the criterion.
"""

from __future__ import annotations

from .base import make
from .context import Context
from .evaluate import evaluate
from .models import ConsistencyRule
from .results import ConsistencyWarning


def _num(ctx: Context, qid: str | None) -> float | None:
    if qid is None:
        return None
    a = ctx.answer(qid)
    return float(a) if isinstance(a, (int, float)) and not isinstance(a, bool) else None


def _violated(ctx: Context, rule: ConsistencyRule) -> tuple[bool, tuple[str, ...]]:
    qn = ctx.questionnaire
    if rule.kind == "rank_not_above" and rule.left and rule.right:
        left, right = qn.question(rule.left), qn.question(rule.right)
        lr, rr = ctx.rank(left), ctx.rank(right)
        return (lr >= 0 and rr >= 0 and lr > rr), (left.id, right.id)
    if rule.kind == "number_not_above":
        lv, rv = _num(ctx, rule.left), _num(ctx, rule.right)
        return (lv is not None and rv is not None and lv > rv), (str(rule.left), str(rule.right))
    if rule.kind == "band_matches_ratio" and rule.band:
        n, d = _num(ctx, rule.numerator), _num(ctx, rule.denominator)
        band_q = qn.question(rule.band)
        chosen = ctx.answer(band_q.id)
        if n is None or d is None or d <= 0 or not isinstance(chosen, str):
            return False, ()
        opt = band_q.option(chosen)
        if opt is None or opt.range is None:
            return False, ()
        ratio = 100.0 * n / d
        return (not opt.range.contains(ratio)), (band_q.id, str(rule.numerator), str(rule.denominator))
    if rule.kind == "implies" and rule.when is not None and rule.then is not None:
        w = evaluate(ctx, rule.when)
        if not w.met:
            return False, ()
        t = evaluate(ctx, rule.then)
        return (not t.met), tuple(dict.fromkeys(w.questions + t.questions))
    if rule.kind == "agrees" and rule.criterion is not None and rule.then is not None:
        crit = qn.criterion_index.get(rule.criterion)
        if crit is None:
            return False, ()
        a, b = evaluate(ctx, crit.require), evaluate(ctx, rule.then)
        qids = tuple(dict.fromkeys(a.questions + b.questions))
        if not all(ctx.answered(q) for q in qids):
            return False, ()
        return a.met != b.met, qids
    return False, ()


def check_consistency(ctx: Context) -> list[ConsistencyWarning]:
    out: list[ConsistencyWarning] = []
    for rule in ctx.questionnaire.consistency:
        bad, qids = _violated(ctx, rule)
        if bad:
            out.append(make(ConsistencyWarning, id=rule.id, message=rule.message, question_ids=qids))
    return out
