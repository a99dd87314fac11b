"""Plain-text rendering of a :class:`Result` for the terminal (Chinese by default).

It only renders what the result already says; nothing is recomputed here.
"""

from __future__ import annotations

from .engine.base import Lang, Text
from .engine.results import Result

_PHASES: dict[str, Text] = {
    "near": Text(zh="近期", en="Near term"),
    "mid": Text(zh="中期", en="Mid term"),
    "long": Text(zh="远期", en="Long term"),
}
_EFFORT: dict[str, Text] = {"low": Text(zh="低", en="low"), "medium": Text(zh="中", en="medium"), "high": Text(zh="高", en="high")}


def _t(text: Text | None, lang: Lang) -> str:
    return text.get(lang) if text is not None else ""


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def render_summary(result: Result, enterprise_name: str = "", lang: Lang = "zh", max_gaps: int = 12) -> str:
    zh = lang == "zh"
    lines: list[str] = []
    lines.append(f"{_t(result.questionnaire_title, lang)}  [{result.questionnaire}]")
    if enterprise_name:
        lines.append(("企业：" if zh else "Enterprise: ") + enterprise_name)
    if result.grading == "tier":
        lines.append(("能力等级：" if zh else "Capability tier: ") + _t(result.rung_label, lang))
        lines.append(("可申报等级：" if zh else "May apply for: ") + _t(result.eligible_label, lang))
    else:
        lines.append(("诊断等级：" if zh else "Level: ") + _t(result.rung_label, lang))
    lines.append(("得分：" if zh else "Score: ") + f"{_num(result.score)} / {_num(result.max_score)}")
    lines.append(("作答：" if zh else "Answered: ") + f"{result.answered} / {result.total_questions}")
    lines.append(_t(result.verdict, lang))
    lines.append("")
    lines.append("分项得分" if zh else "Section scores")
    for s in result.sections:
        target = f"  ({'下一级要求' if zh else 'next rung needs'} {_num(s.target_percent)}%)" if s.target_percent is not None else ""
        lines.append(f"  {_t(s.label, lang)}: {_num(s.earned)}/{_num(s.max)}  {_num(s.percent)}%{target}")
    for m in result.metrics:
        unit = "%" if m.unit == "%" else ""
        lines.append(f"  {_t(m.label, lang)}: {_num(m.value)}{unit}")
    lines.append("")
    lines.append("等级判定" if zh else "Grading")
    for r in result.rungs:
        mark = "✓" if r.reached else "✗"
        lines.append(f"  {mark} {_t(r.label, lang)} — {_t(r.verdict, lang)}")
        if (not r.reached and r.id == result.next_rung) or (r.reached and not r.eligible):
            for c in r.criteria:
                if not c.met:
                    kind = ("［申报条件］" if zh else "[eligibility] ") if c.kind == "eligibility" else ""
                    lines.append(f"      ✗ {kind}{_t(c.label, lang)}: {_t(c.explanation, lang)}")
    gaps = [g for g in result.gaps if g.blocks_next]
    if gaps:
        lines.append("")
        head = f"差距（距{_t(result.next_rung_label, lang)}）" if zh else f"Gaps to {_t(result.next_rung_label, lang)}"
        if result.next_rung is None:
            head = "申报条件差距" if zh else "Eligibility gaps"
        lines.append(head)
        for g in gaps[:max_gaps]:
            lines.append(f"  - {_t(g.label, lang)}")
            for it in g.items[:4]:
                lines.append(f"      {_t(it.label, lang)}: {_t(it.current, lang)} → {_t(it.target, lang)}")
            if len(g.items) > 4:
                lines.append(f"      … {'另有' if zh else 'and'} {len(g.items) - 4} {'项' if zh else 'more'}")
        if len(gaps) > max_gaps:
            lines.append(f"  … {'另有' if zh else 'and'} {len(gaps) - max_gaps} {'项差距' if zh else 'more gaps'}")
    if result.roadmap:
        lines.append("")
        lines.append("改进路线图" if zh else "Roadmap")
        for phase in ("near", "mid", "long"):
            items = [i for i in result.roadmap if i.phase == phase]
            if not items:
                continue
            lines.append(f"  【{_t(_PHASES[phase], lang)}】" if zh else f"  [{_t(_PHASES[phase], lang)}]")
            for step in items[:8]:
                sol = ""
                if step.solutions:
                    sol = f"（{'、'.join(step.solutions)}）" if zh else f" ({', '.join(step.solutions)})"
                eff = ("投入" if zh else "effort ") + _t(_EFFORT[step.effort], lang)
                lines.append(f"    • {_t(step.action, lang)}{sol} [{eff}]")
            if len(items) > 8:
                lines.append(f"    … {'另有' if zh else 'and'} {len(items) - 8} {'项' if zh else 'more'}")
    if result.warnings:
        lines.append("")
        lines.append("一致性提示" if zh else "Consistency warnings")
        for w in result.warnings:
            lines.append(f"  ! {_t(w.message, lang)}")
    return "\n".join(lines) + "\n"
