"""The roadmap: the result's ranked actions in 近期 / 中期 / 远期 phases, each with its
typical solutions, the evidence to prepare, effort, impact, target and policy support."""

from __future__ import annotations

from reportlab.platypus import Flowable

from assessment.engine.base import Text
from assessment.engine.models import Questionnaire
from assessment.engine.results import Result

from .kit import Kit
from .styles import AMBER, GREEN, RED, WIDTH
from .text import shorten

PHASES = ("near", "mid", "long")
_FALLBACK = {
    "near": Text(zh="近期", en="Near term"),
    "mid": Text(zh="中期", en="Mid term"),
    "long": Text(zh="远期", en="Long term"),
}
_LEVEL_COLOR = {"high": RED, "medium": AMBER, "low": GREEN}


def _target(k: Kit, q: Questionnaire, qids: tuple[str, ...], target: str, colon: str) -> str:
    """目标：the answer to reach, with the question(s) it is for."""
    labels = [k.x(q.question_index[i].label) for i in qids if i in q.question_index]
    head = k.muted(k.t("target_answer") + colon)
    if len(labels) == 1:
        return f"{head}{k.m(labels[0])} → {k.b(target)}"
    if labels:
        sep = "；" if k.lang == "zh" else "; "
        return f"{head}{k.m(k.t('target_many', n=len(labels), t=target))}{k.muted(sep.join(shorten(x, 40) for x in labels))}"
    return f"{head}{k.b(target)}"


def roadmap(k: Kit, q: Questionnaire, r: Result) -> list[Flowable]:
    story: list[Flowable] = [*k.h(1, k.t("roadmap"))]
    if not r.roadmap:
        return [*story, k.p(k.t("no_roadmap"))]
    labels = dict(_FALLBACK)
    if q.recommendations is not None:
        labels.update({p: t for p, t in q.recommendations.policy.phase_labels.items() if p in PHASES})
    sep = "、" if k.lang == "zh" else ", "
    present = [p for p in PHASES if any(i.phase == p for i in r.roadmap)]  # the text names only these
    count = k.t(f"phase_count_{len(present)}")
    intro = k.t("roadmap_intro", count=count, phases=sep.join(k.x(labels[p]) for p in present))
    story.append(k.p(intro, k.st.small_grey))
    colon = "：" if k.lang == "zh" else ": "
    widths = [20.0, 196.0, 92.0, 114.0, WIDTH - 422.0]
    n = 0
    for phase in PHASES:
        items = [i for i in r.roadmap if i.phase == phase]
        if not items:
            continue
        story += k.h(2, f"{k.x(labels[phase])} · {len(items)}")
        rows: list[list[Flowable]] = [k.head("#", k.t("action"), k.t("solutions"), k.t("evidence"), k.t("effort_impact"))]
        for it in items:
            n += 1
            action = k.m(k.x(it.action))
            if it.target is not None:
                action += f"<br/>{_target(k, q, it.question_ids, k.x(it.target), colon)}"
            if it.policy is not None:
                action += f"<br/>{k.muted(k.t('policy') + colon + k.x(it.policy))}"
            evidence = "<br/>".join(f"• {k.m(k.x(e))}" for e in it.evidence) or k.muted("—")
            level = (
                f"{k.t('effort')} {k.color(k.t(it.effort), _LEVEL_COLOR[it.effort])}<br/>"
                f"{k.t('impact')} {k.color(k.t(it.impact), _LEVEL_COLOR[{'high': 'low', 'medium': 'medium', 'low': 'high'}[it.impact]])}"
            )
            rows.append(
                [
                    k.p(str(n), k.st.cell),
                    k.pm(action, k.st.cell),
                    k.p(sep.join(it.solutions) or "—", k.st.cell),
                    k.pm(evidence, k.st.cell),
                    k.pm(level, k.st.cell),
                ]
            )
        story.append(k.table(rows, widths))
    return story
