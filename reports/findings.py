"""Why the enterprise is where it is: every rung's criteria met or unmet with the answers that
decided them and their source clause, then the gaps to the rungs above, item by item."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from assessment.engine.models import Questionnaire
from assessment.engine.results import CriterionResult, Gap, Result

from .kit import Kit
from .styles import AMBER, GREEN, RED, WIDTH
from .text import shorten

MAX_EVIDENCE = 4
MAX_EVIDENCE_CHARS = {"zh": 60, "en": 110}  # per answer; the appendix has every answer in full
MAX_EXPLANATION = {"zh": 150, "en": 300}  # in the checklist; the gap list shows every missing item


def source_text(k: Kit, q: Questionnaire, doc: str, clause: str, confidence: str) -> str:
    """Markup for a source: document title › clause · confidence mark (document numbers and
    addresses are listed once, in the appendix)."""
    title = next((s.title for s in q.sources if s.id == doc), doc)
    parts = [k.m(title)]
    if clause:
        parts.append(k.m(clause))
    return " › ".join(parts) + f"<br/>{k.muted(k.t('confidence', c=confidence))}"


def _evidence(k: Kit, c: CriterionResult) -> str:
    failing = set(c.failing)
    ordered = sorted(c.evidence, key=lambda e: e.question_id not in failing)
    lines = []
    for e in ordered[:MAX_EVIDENCE]:
        text = shorten(f"{k.x(e.label)}{'：' if k.lang == 'zh' else ': '}{k.x(e.answer)}", MAX_EVIDENCE_CHARS[k.lang])
        lines.append(k.color(text, RED) if e.question_id in failing else k.m(text))
    if len(c.evidence) > MAX_EVIDENCE:
        lines.append(k.muted(k.t("more_answers", n=len(c.evidence))))
    return "<br/>".join(lines) if lines else k.muted("—")


def criteria(k: Kit, q: Questionnaire, r: Result) -> list[Flowable]:
    story: list[Flowable] = [*k.h(1, k.t("criteria"))]
    g = q.grading
    story.append(k.pm(f"{k.muted(k.t('source'))}: {source_text(k, q, g.source.doc, g.source.clause, g.confidence)}", k.st.small))
    widths = [52.0, 178.0, 140.0, WIDTH - 370.0]
    for rung in sorted(r.rungs, key=lambda x: x.rank):
        state = k.t("rung_reached") if rung.reached else k.t("rung_not_reached")
        story += k.h(2, f"{k.x(rung.label)} — {state}", room=230)
        try:
            summary = q.rung(rung.id).summary
        except KeyError:
            summary = None
        if summary:
            story.append(k.p(k.x(summary), k.st.small_grey))
        story.append(
            k.pm(k.color(k.x(rung.verdict), GREEN if rung.reached and rung.eligible else (AMBER if rung.reached else RED)), k.st.small)
        )
        story.append(Spacer(1, 4))
        rows: list[list[Flowable]] = [k.head(k.t("status"), k.t("criterion"), k.t("deciding"), k.t("source"))]
        for c in rung.criteria:
            status = k.color(k.t("met"), GREEN) if c.met else k.color(k.t("unmet"), RED)
            if c.kind == "eligibility":
                status += f"<br/>{k.muted(k.t('eligibility'))}"
            if not c.met and c.unanswered:
                status += f"<br/>{k.color(k.t('unanswered_in_criterion', n=len(c.unanswered)), AMBER)}"
            body = f"{k.b(k.x(c.label))}<br/>{k.muted(shorten(k.x(c.explanation), MAX_EXPLANATION[k.lang]))}"
            if c.note:
                body += f"<br/>{k.muted(k.x(c.note))}"
            src = source_text(k, q, c.source.doc, c.source.clause, c.confidence)
            rows.append([k.pm(status, k.st.cell), k.pm(body, k.st.cell), k.pm(_evidence(k, c), k.st.cell), k.pm(src, k.st.cell)])
        story.append(k.table(rows, widths))
    return story


def _gap_block(k: Kit, q: Questionnaire, i: int, g: Gap, detail: bool) -> list[Flowable]:
    tags = []
    if g.blocks_next:
        tags.append(k.color(f"[{k.t('blocking')}]", RED))
    if g.kind == "eligibility":
        tags.append(k.color(f"[{k.t('eligibility')}]", AMBER))
    title = f"{i}. {k.b(k.x(g.label))} {' '.join(tags)}"
    out: list[Flowable] = [k.pm(title, k.st.body), k.p(k.x(g.explanation), k.st.small_grey)]
    if g.needed is not None and g.items and detail:
        need = k.t("need_more", n=g.needed, m=len(g.items))
        out.append(k.pm(k.color(need, RED), k.st.small))
    if g.items and not detail:
        out.append(k.p(k.t("items_count", n=len(g.items)), k.st.small_grey))
    if g.items and detail:
        rows: list[list[Flowable]] = [k.head(k.t("question"), k.t("current"), k.t("needed"))]
        for it in g.items:
            label = ("★ " if it.constraint else "") + k.x(it.label)
            if it.unanswered:
                current = f"<b>{k.color(k.t('unanswered_item'), AMBER)}</b><br/>{k.muted(k.t('unanswered_prompt'))}"
            else:
                current = k.m(k.x(it.current))
            rows.append([k.p(label, k.st.cell), k.pm(current, k.st.cell), k.pm(k.b(k.x(it.target)), k.st.cell)])
        out.append(Spacer(1, 3))
        out.append(k.table(rows, [WIDTH * 0.5, WIDTH * 0.25, WIDTH * 0.25]))
    src = source_text(k, q, g.source.doc, g.source.clause, g.confidence).replace("<br/>", " · ")
    out.append(k.pm(f'<font color="#5F6B7A">{k.t("source")}:</font> {src}', k.st.small_grey))
    out.append(Spacer(1, 8))
    return [KeepTogether(out)] if len(g.items) <= 8 or not detail else out


def gaps(k: Kit, q: Questionnaire, r: Result) -> list[Flowable]:
    story: list[Flowable] = [*k.h(1, k.t("gaps"))]
    if not r.gaps:
        return [*story, k.p(k.t("no_gaps"))]
    blocking = sum(1 for g in r.gaps if g.blocks_next)
    if r.next_rung_label:
        intro = k.t("gaps_intro_next", n=len(r.gaps), b=blocking, rung=k.x(r.next_rung_label))
    else:
        intro = k.t("gaps_intro", n=len(r.gaps))
    story.append(k.p(intro))
    rank = {x.id: x.rank for x in r.rungs}
    order: list[str] = []
    for g in sorted(r.gaps, key=lambda g: rank.get(g.rung, 99)):
        if g.rung not in order:
            order.append(g.rung)
    n = 0
    for rung_id in order:
        group = [g for g in r.gaps if g.rung == rung_id]
        label = k.x(group[0].rung_label)
        story += k.h(2, k.t("gap_for", rung=label, n=len(group)))
        if rung_id != r.next_rung and not any(g.blocks_next for g in group):
            story.append(k.p(k.t("gap_later"), k.st.small_grey))
        for g in group:
            n += 1
            story += _gap_block(k, q, n, g, detail=g.blocks_next or g.rung == r.next_rung)
    return story
