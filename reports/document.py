"""The page frame: cover and body templates, running header and footer, page numbers
("第 3 页 / 共 12 页", the total filled in once the last page is known), the PDF outline
(bookmarks) from the headings, and the document metadata.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.doctemplate import BaseDocTemplate, NextPageTemplate, PageTemplate
from reportlab.platypus.frames import Frame

from .fonts import FontSet
from .i18n import Lang, tr
from .styles import GREY, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, NAVY, PAGE, RULE, WIDTH
from .text import plain, runs

_TOTAL_FORM = "sfaPageTotal"

rl_config.useA85 = 0
"""Page streams are only compressed, not also ASCII85-encoded: a binary stream is a quarter
smaller, and the encoding (pure Python in reportlab) took a tenth of a report's time. Every
PDF reader reads both; this process renders no other PDFs."""


@dataclass(frozen=True)
class Running:
    """What the running header and footer show on every body page (untrusted text, fitted and
    set character by character in a font that has it)."""

    lang: Lang
    fonts: FontSet
    left: str
    right: str
    footer: str  # always shown in full (the disclaimer)
    footer_extra: str = ""  # shown before it as far as room allows (the consultant)


def _font(fonts: FontSet, family: str, bold: bool = False) -> str:
    if not family:
        return fonts.bold if bold else fonts.regular
    return f"{family}-Bold" if bold and family == fonts.ext else family


def text_width(text: str, fonts: FontSet, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(sum(stringWidth(chunk, _font(fonts, fam), size) for fam, chunk in runs(text, fonts)))


def fit(text: str, fonts: FontSet, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to at most ``width`` points."""
    text = " ".join(text.split())
    if text_width(text, fonts, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid] + "…", fonts, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def draw_line(canv: Canvas, x: float, y: float, text: str, fonts: FontSet, size: float, right: bool = False) -> None:
    """One line of untrusted text, each character in a font that has it."""
    if right:
        x -= text_width(text, fonts, size)
    for fam, chunk in runs(text, fonts):
        name = _font(fonts, fam)
        canv.setFont(name, size)
        canv.drawString(x, y, chunk)
        x += canv.stringWidth(chunk, name, size)


_SHARED_LIMIT = 40_000
_PARSED: dict[tuple[str, Any], tuple[Any, Any, Any]] = {}
_LAID_OUT: dict[tuple[str, Any, float], tuple[float, float, float, Any, Any]] = {}


def _remember(cache: dict[Any, Any], key: Any, value: Any) -> None:
    if len(cache) >= _SHARED_LIMIT:  # bounded: a long-running app process renders many reports
        cache.clear()
    cache[key] = value


class Para(Paragraph):  # type: ignore[misc]
    """A paragraph that is parsed and broken into lines once, not at every use.

    Line breaking of Chinese text (``wordWrap='CJK'``, one fragment per character) and
    parsing the markup are reportlab's slowest steps, and both are repeated needlessly:

    * a table calls ``wrap`` for each cell when it measures rows, again when it splits
      across a page and again when it draws; the lines depend only on the width offered,
      never on the height, so the result for the last width is kept on the paragraph;
    * most paragraphs of a report are the same in every report of a questionnaire
      (question texts, criteria, next steps, headings), so the parsed fragments and the
      lines for a width are also kept per process, keyed by the markup and the style object
      (styles are shared per fonts and language and never changed, :func:`.styles.make_styles`).
      reportlab only reads fragments and lines when it splits and draws a paragraph.

    Split parts (``_splitpara``) carry their own lines and are left alone.
    """

    _wrapped: tuple[float, float, float, Any, Any] | None = None
    _markup: str | None = None
    width: float
    height: float
    blPara: Any
    _wrapWidths: Any

    def __init__(self, text: str | None, style: Any, bulletText: Any = None, frags: Any = None, **kw: Any) -> None:
        self._markup = text
        if text is None or frags is not None or bulletText is not None or kw:  # reportlab's split parts
            self._markup = None
            super().__init__(text, style, bulletText, frags, **kw)
            return
        hit = _PARSED.get((text, style))
        if hit is not None:
            parsed_style, frags, bullet = hit
            super().__init__(text, parsed_style, bullet, frags=frags)
            return
        super().__init__(text, style)
        _remember(_PARSED, (text, style), (self.style, self.frags, self.bulletText))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w = self._wrapped
        if w is None or w[0] != availWidth:
            if getattr(self, "_splitpara", 0) or self._markup is None:
                return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]
            key = (self._markup, self.style, availWidth)
            w = _LAID_OUT.get(key)
            if w is None:
                super().wrap(availWidth, availHeight)
                w = (availWidth, self.width, self.height, self.blPara, self._wrapWidths)
                _remember(_LAID_OUT, key, w)
            self._wrapped = w
        _, self.width, self.height, self.blPara, self._wrapWidths = w
        return self.width, self.height


class Heading(Para):
    """A heading that also becomes a PDF bookmark (``level`` 0 or 1)."""

    def __init__(self, markup: str | None, style: Any, outline: str = "", level: int = 0, **kw: Any) -> None:
        super().__init__(markup, style, **kw)
        self.outline_title = outline
        self.outline_level = level


class _Canvas(Canvas):  # type: ignore[misc]
    """Defines the page-total form just before saving, when the page count is known."""

    running: Running | None = None

    def save(self) -> None:
        r = self.running
        if r is not None:
            pages = self.getPageNumber() - 1
            self.beginForm(_TOTAL_FORM, lowerx=0, lowery=-4, upperx=200, uppery=12)
            self.setFont(r.fonts.regular, 7.5)
            self.setFillColor(GREY)
            self.drawString(0, 0, tr("of_pages", r.lang, n=pages))
            self.endForm()
        super().save()


class ReportDoc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, buf: io.BytesIO, running: Running, **kw: Any) -> None:
        super().__init__(
            buf,
            pagesize=PAGE,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            displayDocTitle=1,
            lang="en" if running.lang == "en" else "zh-CN",
            initialFontName=running.fonts.regular,
            initialFontSize=9,
            **kw,
        )
        self.running = running
        self._bookmarks = 0
        cover = Frame(MARGIN_X, MARGIN_BOTTOM, WIDTH, PAGE[1] - MARGIN_BOTTOM - 18 * 2.835, id="cover", showBoundary=0)
        body = Frame(MARGIN_X, MARGIN_BOTTOM, WIDTH, PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM, id="body", showBoundary=0)
        self.addPageTemplates(
            [
                PageTemplate(id="cover", frames=[cover], onPage=self._cover_page),
                PageTemplate(id="body", frames=[body], onPage=self._body_page),
            ]
        )

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            self._bookmarks += 1
            key = f"h{self._bookmarks}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_title, key, level=flowable.outline_level, closed=flowable.outline_level > 0)

    def _cover_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        canv.setFillColor(NAVY)
        canv.rect(0, PAGE[1] - 10, PAGE[0], 10, stroke=0, fill=1)
        canv.restoreState()

    def _body_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        r = self.running
        fs = r.fonts
        top = PAGE[1] - MARGIN_TOP + 10
        canv.saveState()
        canv.setFillColor(GREY)
        right = fit(r.right, fs, 7.5, WIDTH * 0.4)
        draw_line(canv, MARGIN_X + WIDTH, top + 4, right, fs, 7.5, right=True)
        draw_line(canv, MARGIN_X, top + 4, fit(r.left, fs, 7.5, WIDTH - text_width(right, fs, 7.5) - 16), fs, 7.5)
        canv.setFont(fs.regular, 7.5)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(MARGIN_X, top, MARGIN_X + WIDTH, top)
        y = MARGIN_BOTTOM - 24
        canv.line(MARGIN_X, y + 11, MARGIN_X + WIDTH, y + 11)
        page = tr("page", r.lang, n=canv.getPageNumber()) + " "
        canv.drawString(MARGIN_X, y, page)
        canv.translate(MARGIN_X + canv.stringWidth(page, r.fonts.regular, 7.5), y)
        canv.doForm(_TOTAL_FORM)
        canv.translate(-(MARGIN_X + canv.stringWidth(page, r.fonts.regular, 7.5)), -y)
        footer = r.footer
        if r.footer_extra:
            footer = fit(r.footer_extra, fs, 7.5, WIDTH * 0.72 - text_width(r.footer + " · ", fs, 7.5)) + " · " + footer
        draw_line(canv, MARGIN_X + WIDTH, y, footer, fs, 7.5, right=True)
        canv.restoreState()


def build_pdf(story: list[Flowable], running: Running, meta: dict[str, str], invariant: bool) -> bytes:
    """Lay out ``story`` (starting on the cover template) and return the PDF bytes."""
    buf = io.BytesIO()
    fonts = running.fonts
    doc = ReportDoc(
        buf,
        running,
        title=plain(meta.get("title", ""), fonts),
        author=plain(meta.get("author", ""), fonts),
        subject=plain(meta.get("subject", ""), fonts),
        keywords=plain(meta.get("keywords", ""), fonts),
        creator=meta.get("creator", "sfa"),
        invariant=1 if invariant else 0,
    )

    def maker(*args: Any, **kw: Any) -> _Canvas:
        c = _Canvas(*args, **kw)
        c.running = running
        c.setCreator(meta.get("creator", "sfa"))
        c.showOutline()
        return c

    doc.build([NextPageTemplate("body"), *story], canvasmaker=maker)
    return buf.getvalue()
