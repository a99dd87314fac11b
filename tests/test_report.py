"""The PDF gap report read back as a reader would: extracted text (pypdf), embedded fonts
(pdffonts), rendered pages (pdftoppm), outline and metadata, byte-identical reruns."""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from assessment import assess, load_questionnaire
from assessment.engine.results import Result
from reports import ReportError, ReportOptions, ReportPart, render_combined_report, render_report
from tests.report_samples import (
    CJK,
    DATE,
    HOSTILE_ASSESSOR,
    HOSTILE_CONSULTANT,
    HOSTILE_NAME,
    HOSTILE_NOTES,
    built,
    flat,
    font_cache,
    notes_for,
    pdf_text,
    profile,
    run_tool,
)

__all__ = ["font_cache"]

needs_poppler = pytest.mark.skipif(
    shutil.which("pdffonts") is None or shutil.which("pdftoppm") is None, reason="poppler-utils not installed"
)


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    text: str
    results: tuple[Result, ...]
    parts: tuple[ReportPart, ...]

    @property
    def flat(self) -> str:
        return flat(self.text)


def _render(names: tuple[str, ...], lang: str, hostile: bool) -> Rendered:
    parts = []
    for name in names:
        q, answers, result = built(name)
        parts.append(ReportPart(q, result, answers, notes_for(q) if hostile else {}))
    opts = ReportOptions(
        lang="en" if lang == "en" else "zh",
        consultant=HOSTILE_CONSULTANT if hostile else "四川智造咨询有限公司",
        assessor=HOSTILE_ASSESSOR if hostile else "李四",
        report_date=DATE,
        deterministic=True,
    )
    pdf = render_combined_report(parts, profile(hostile), opts, progress=None)
    return Rendered(pdf, pdf_text(pdf), tuple(p.result for p in parts), tuple(parts))


@pytest.fixture(scope="session")
def sf_zh(font_cache: Path) -> Rendered:
    return _render(("smart_factory",), "zh", hostile=True)


@pytest.fixture(scope="session")
def sf_en(font_cache: Path) -> Rendered:
    return _render(("smart_factory",), "en", hostile=False)


@pytest.fixture(scope="session")
def sme_zh(font_cache: Path) -> Rendered:
    return _render(("sme_digital",), "zh", hostile=False)


@pytest.fixture(scope="session")
def sme_en(font_cache: Path) -> Rendered:
    return _render(("sme_digital",), "en", hostile=False)


@pytest.fixture(scope="session")
def combined(font_cache: Path) -> Rendered:
    return _render(("smart_factory", "sme_digital"), "zh", hostile=False)


# --- content ------------------------------------------------------------------------------
def test_report__smart_factory__shows_tier_eligibility_and_every_gap(sf_zh: Rendered) -> None:
    r = sf_zh.results[0]
    assert r.tier is not None and r.gaps
    for needle in [r.rung_label.zh, r.eligible_label.zh if r.eligible_label else "", r.verdict.zh, "执行摘要", "差距清单", "改进路线图"]:
        assert flat(needle) in sf_zh.flat, needle
    for g in r.gaps:
        assert flat(g.label.zh) in sf_zh.flat, g.id
    for item in r.roadmap:
        assert flat(item.action.zh)[:40] in sf_zh.flat, item.recommendation_id


def test_report__unanswered__shown_as_such_with_a_prompt__phases_named_as_present(sf_zh: Rendered, sf_en: Rendered) -> None:
    r = sf_zh.results[0]
    blank = [it for g in r.gaps if g.blocks_next for it in g.items if it.unanswered]
    assert [it.question_id for it in blank] == ["practice.operations_management.advanced.on_time_delivery"]
    assert flat("未作答") in sf_zh.flat and flat("请先作答；未作答按未满足计") in sf_zh.flat
    assert flat("please answer; counts as not met") in sf_en.flat
    present = list(dict.fromkeys(i.phase for i in r.roadmap))
    labels = {"near": "近期", "mid": "中期", "long": "远期"}
    count = {1: "一", 2: "两", 3: "三"}[len(present)]
    assert flat(f"本路线图分为{count}个阶段：") in sf_zh.flat
    for phase, word in labels.items():
        assert (flat(word + "（") in sf_zh.flat) == (phase in present), phase


def test_report__smart_factory__scenarios_by_stage_with_ai_share(sf_zh: Rendered) -> None:
    q = sf_zh.parts[0].questionnaire
    assert q.stages is not None
    assert "典型场景覆盖" in sf_zh.text
    for g in q.stages.guide_stages:
        assert flat(g.label.zh) in sf_zh.flat
    ai = next(m for m in sf_zh.results[0].metrics if m.unit == "%")
    assert flat(ai.label.zh) in sf_zh.flat
    for x in q.questions:
        if "scenario" in x.tags:
            assert flat(x.label.zh) in sf_zh.flat, x.id


def test_report__sme__shows_level_matrix_and_gaps(sme_zh: Rendered) -> None:
    r = sme_zh.results[0]
    assert r.level is not None
    assert r.rung_label.zh in sme_zh.text and "数字化经营场景等级" in sme_zh.text
    for g in r.gaps:
        assert flat(g.label.zh) in sme_zh.flat, g.id
    for s in r.sections:
        assert flat(s.label.zh) in sme_zh.flat


def test_report__appendix__every_question_versions_and_disclaimer(sme_zh: Rendered) -> None:
    part = sme_zh.parts[0]
    for x in part.questionnaire.questions:
        assert flat(x.label.zh)[:30] in sme_zh.flat, x.id
    assert part.questionnaire.ref in sme_zh.text and part.result.engine_version in sme_zh.text
    assert "自评结果不代表官方认定" in sme_zh.text


def test_report__combined__has_both_parts(combined: Rendered) -> None:
    for r, part in zip(combined.results, combined.parts, strict=True):
        assert flat(part.questionnaire.title.zh) in combined.flat
        assert flat(r.verdict.zh) in combined.flat
    outline = [o.title for o in PdfReader(io.BytesIO(combined.pdf)).outline if not isinstance(o, list)]
    assert outline[0] == "执行摘要" and outline[-1] == "附录"
    assert any(t.startswith("第1部分") for t in outline) and any(t.startswith("第2部分") for t in outline)


# --- untrusted text -----------------------------------------------------------------------
@pytest.mark.parametrize("key", [k for k in HOSTILE_NOTES if k not in ("empty", "control")])
def test_report__hostile_note__appears_literally(sf_zh: Rendered, key: str) -> None:
    assert flat(HOSTILE_NOTES[key]) in sf_zh.flat


def test_report__control_character__shown_as_placeholder(sf_zh: Rendered) -> None:
    assert "响铃[U+0007]符" in sf_zh.flat


def test_report__hostile_profile_and_people__appear_literally(sf_zh: Rendered) -> None:
    for s in (HOSTILE_NAME, HOSTILE_CONSULTANT, HOSTILE_ASSESSOR, "<script>", "51&0100"):
        assert flat(s) in sf_zh.flat, s[:20]
    assert "孤立备注" in sf_zh.text and "no.such.question" in sf_zh.text


def test_report__empty_everything__renders_with_placeholders(font_cache: Path) -> None:
    q = load_questionnaire("sme_digital")
    pdf = render_report(assess(q, {}), q, None, ReportOptions(report_date=DATE), answers={}, notes={"x": ""}, progress=None)
    text = pdf_text(pdf)
    assert "未填写" in text and "未作答" in text


# --- fonts, pages, metadata -----------------------------------------------------------------
@needs_poppler
def test_report__every_font_embedded_as_subset(sf_zh: Rendered, sme_en: Rendered) -> None:
    for rendered in (sf_zh, sme_en):
        lines = run_tool("pdffonts", "-", data=rendered.pdf).stdout.decode().splitlines()[2:]
        assert lines
        for line in lines:
            name, emb, sub = line.split()[0], line.split()[-5], line.split()[-4]
            assert (emb, sub) == ("yes", "yes"), line
            assert re.match(r"[A-Z]{6}\+", name), line
        assert any("NotoSansSC-Regular" in x for x in lines) and any("NotoSansSC-Bold" in x for x in lines)


@needs_poppler
def test_report__rare_characters__come_from_a_font_that_has_them(sf_zh: Rendered) -> None:
    from reports.fonts import EMOJI_SOURCES, JP_SOURCES, _find

    fonts = run_tool("pdffonts", "-", data=sf_zh.pdf).stdout.decode()
    text = run_tool("pdftotext", "-", "-", data=sf_zh.pdf).stdout.decode()
    if _find(JP_SOURCES):
        assert "NotoSansJP" in fonts and "王𠮷" in text
    else:
        assert "王[U+20BB7]" in text
    if _find(EMOJI_SOURCES):
        assert "NotoEmoji" in fonts and "😀" in text
    assert "堃" in text and "喆" in text


def _pgm_pages(pdf: bytes, tmp: Path) -> list[tuple[int, int, bytes]]:
    (tmp / "r.pdf").write_bytes(pdf)
    run_tool("pdftoppm", "-r", "30", "-gray", str(tmp / "r.pdf"), str(tmp / "p"))
    pages = []
    for f in sorted(tmp.glob("p-*.pgm")):
        data = f.read_bytes()
        fields = data.split(maxsplit=4)  # P5 width height maxval pixels
        assert fields[0] == b"P5"
        w, h = int(fields[1]), int(fields[2])
        pages.append((w, h, data[-w * h :]))
    return pages


@needs_poppler
def test_report__every_page_has_visible_content(sf_zh: Rendered, tmp_path: Path) -> None:
    pages = _pgm_pages(sf_zh.pdf, tmp_path)
    assert len(pages) == len(PdfReader(io.BytesIO(sf_zh.pdf)).pages)
    for i, (w, h, px) in enumerate(pages, 1):
        mean = sum(px) / len(px)
        var = sum((p - mean) ** 2 for p in px) / len(px)
        body = px[int(h * 0.12) * w : int(h * 0.85) * w]  # below the running header, above the footer
        inked = sum(1 for p in body if p < 200)
        assert var > 50 and inked > 200, f"page {i} looks blank (variance {var:.0f}, inked body pixels {inked})"


def test_report__page_numbers_outline_and_metadata(sf_zh: Rendered) -> None:
    reader = PdfReader(io.BytesIO(sf_zh.pdf))
    n = len(reader.pages)
    assert f"第2页/共{n}页" in sf_zh.flat and f"第{n}页/共{n}页" in sf_zh.flat
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles == ["执行摘要", "分项得分", "典型场景覆盖", "等级判定依据", "差距清单", "改进路线图", "附录"]
    meta = reader.metadata
    assert meta is not None
    assert "诊断与差距分析报告" in (meta.title or "") and "成都" in (meta.title or "")
    assert "王堃" in (meta.author or "") and "智能工厂" in (meta.subject or "")


def test_report__deterministic__same_bytes_twice(font_cache: Path) -> None:
    a = _render(("sme_digital",), "zh", hostile=True).pdf
    b = _render(("sme_digital",), "zh", hostile=True).pdf
    assert a == b
    assert len(a) < 1_000_000


# --- English --------------------------------------------------------------------------------
def _en_terms(value: Any) -> list[str]:
    """Chinese runs inside the English side of the data's zh/en texts (official terms the data
    quotes on purpose, e.g. 智改数转 or 规上)."""
    out: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "en" and isinstance(v, str):
                out += re.findall(CJK.pattern + "+", v)
            else:
                out += _en_terms(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            out += _en_terms(v)
    return out


def _allowed_cjk(rendered: Rendered) -> list[str]:
    """The rule for the English report: every Chinese character in it comes from
    (1) what the user typed (enterprise record, people, notes), (2) the official source
    citations (document titles, numbers, clauses), (3) the typical solutions, which the data
    gives in Chinese only (plain strings, not zh/en texts), or (4) official terms the data's
    own English texts quote in Chinese. The report's own wording adds none (see i18n test)."""
    allowed: list[str] = []
    p = profile(False)
    allowed += [p.name, "四川智造咨询有限公司", "李四"]
    for part in rendered.parts:
        q, r = part.questionnaire, part.result
        allowed += [s.title for s in q.sources] + [s.number for s in q.sources]
        allowed.append(q.grading.source.clause)
        for rung in r.rungs:
            for c in rung.criteria:
                allowed += [c.source.clause, c.source_title]
        allowed += [g.source.clause for g in r.gaps]
        allowed += [s for item in r.roadmap for s in item.solutions]
        allowed += _en_terms(r.model_dump()) + _en_terms(q.model_dump())
    return sorted({flat(a) for a in allowed if a}, key=len, reverse=True)


@pytest.mark.parametrize("which", ["sf_en", "sme_en"])
def test_report__english__no_chinese_left_but_names_and_sources(which: str, request: pytest.FixtureRequest) -> None:
    rendered: Rendered = request.getfixturevalue(which)
    text = rendered.flat
    for allowed in _allowed_cjk(rendered):
        text = text.replace(allowed, "")
    leftover = sorted(set(CJK.findall(text)))
    assert not leftover, f"Chinese left in the English report: {''.join(leftover)[:80]} … e.g. {_context(text)}"
    assert "Executive summary" in rendered.text and "self-assessment is not an official recognition" in rendered.text


def _context(text: str) -> str:
    m = CJK.search(text)
    return text[max(0, m.start() - 30) : m.start() + 30] if m else ""


def test_report__english__own_wording_has_no_chinese() -> None:
    from reports.i18n import KEPT_TERMS, PRODUCTION, SIZE, all_strings

    pairs = [*all_strings().values(), *SIZE.values(), *PRODUCTION.values()]
    bad = [en for _, en in pairs if CJK.search(en) and not any(t in en for t in KEPT_TERMS)]
    assert not bad
    assert all(zh and en for zh, en in pairs)


def test_report__english__labels_from_the_result(sf_en: Rendered) -> None:
    r = sf_en.results[0]
    assert r.rung_label.en in sf_en.text
    for g in r.gaps:
        assert flat(g.label.en) in sf_en.flat, g.id


# --- inputs -----------------------------------------------------------------------------------
def _png(w: int = 4, h: int = 2) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes([30, 58, 95] * w) for _ in range(h))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _one(name: str = "sme_digital", **opts: Any) -> bytes:
    q, answers, result = built(name)
    return render_report(result, q, profile(), ReportOptions(report_date=DATE, **opts), answers=answers, progress=None)


def test_report__logo__is_drawn_on_the_cover(font_cache: Path) -> None:
    pdf = _one(logo=_png())
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    xobjects = page["/Resources"]["/XObject"]
    assert any(xobjects[k].get_object()["/Subtype"] == "/Image" for k in xobjects)


def test_report__logo_not_an_image__is_a_report_error(font_cache: Path) -> None:
    with pytest.raises(ReportError, match="logo"):
        _one(logo=b"not a png")


def test_report__result_of_another_questionnaire__is_refused(font_cache: Path) -> None:
    q, answers, _ = built("sme_digital")
    _, _, other = built("smart_factory")
    with pytest.raises(ReportError, match="smart_factory"):
        render_report(other, q, None, answers=answers, progress=None)


def test_report__shared_layouts__never_leak_between_reports(font_cache: Path) -> None:
    """Paragraphs are parsed and laid out once per process (reports.document.Para): a report
    rendered after others, in both languages, is byte for byte the one rendered first."""
    from reports import document

    document._PARSED.clear()
    document._LAID_OUT.clear()
    first = _render(("sme_digital",), "zh", hostile=True).pdf
    assert document._LAID_OUT, "nothing was shared: the cache is not in use"
    _render(("smart_factory",), "zh", hostile=False)
    _render(("sme_digital",), "en", hostile=False)
    again = _render(("sme_digital",), "zh", hostile=True).pdf
    assert again == first


def test_report__a_paragraph_longer_than_a_page__split_and_complete(font_cache: Path) -> None:
    """A note of (almost) the 5,000 characters allowed is taller than a page: it continues in
    further rows (a row spanning both columns cannot be split), and split parts are left
    alone by the layout caches: every piece arrives, in order (between running heads)."""
    q, answers, result = built("sme_digital")
    qid = q.questions[0].id
    text = "".join(f"第{i:04d}段说明文字，" for i in range(416))  # 4,992 characters: a note has at most 5,000
    opts = ReportOptions(report_date=DATE, deterministic=True)
    for _ in range(2):  # the second time from the caches
        pdf = render_combined_report([ReportPart(q, result, answers, {qid: text})], profile(), opts, progress=None)
        body = flat(pdf_text(pdf))
        at = [body.find(f"第{i:04d}段说明文字") for i in range(416)]
        assert -1 not in at and at == sorted(at), "a piece of the note is missing or out of order"
        assert len(PdfReader(io.BytesIO(pdf)).pages) > 1


def test_report__cycle_collector__paused_while_rendering_and_restored(font_cache: Path) -> None:
    import gc

    from reports import render

    q, answers, result = built("sme_digital")
    seen: list[bool] = []
    real = render._render

    def spy(*a: Any) -> bytes:
        seen.append(gc.isenabled())
        return real(*a)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(render, "_render", spy)
        render_combined_report([ReportPart(q, result, answers)], profile(), ReportOptions(report_date=DATE), progress=None)
        assert seen == [False] and gc.isenabled()
        with pytest.raises(ReportError):
            render_combined_report([ReportPart(q, result, {"no.such.question": 1})], profile(), progress=None)
        assert gc.isenabled(), "an error left the collector off"
        gc.disable()
        try:
            render_combined_report([ReportPart(q, result, answers)], profile(), ReportOptions(report_date=DATE), progress=None)
            assert not gc.isenabled(), "a caller's own setting was overridden"
        finally:
            gc.enable()
