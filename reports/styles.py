"""House look of the report: page geometry, colours and paragraph styles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .fonts import FontSet
from .i18n import Lang

PAGE = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
WIDTH = PAGE[0] - 2 * MARGIN_X

NAVY = colors.HexColor("#1F3A5F")
NAVY_LIGHT = colors.HexColor("#E8EEF6")
TEAL = colors.HexColor("#2A9D8F")
TEAL_LIGHT = colors.HexColor("#D7EFEC")
AMBER = colors.HexColor("#D98E04")
GREEN = colors.HexColor("#2E7D32")
GREEN_LIGHT = colors.HexColor("#E6F2E7")
RED = colors.HexColor("#B3261E")
RED_LIGHT = colors.HexColor("#FBE9E7")
PURPLE = colors.HexColor("#5E4AA8")
GREY = colors.HexColor("#5F6B7A")
GREY_LIGHT = colors.HexColor("#F3F5F8")
RULE = colors.HexColor("#D5DBE3")
INK = colors.HexColor("#1D232B")
WHITE = colors.white


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    small_grey: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    cover_name: ParagraphStyle
    badge_value: ParagraphStyle
    callout: ParagraphStyle
    figure: ParagraphStyle


@lru_cache(maxsize=16)
def make_styles(fonts: FontSet, lang: Lang) -> Styles:
    """Paragraph styles; Chinese text wraps between any two characters (``wordWrap='CJK'``).

    One set per fonts and language and process, shared by every report and never changed
    after this (the paragraph caches of :class:`.document.Para` key on the style objects)."""
    wrap = "CJK" if lang == "zh" else None
    base = ParagraphStyle("body", fontName=fonts.regular, fontSize=9.5, leading=15, textColor=INK, wordWrap=wrap, splitLongWords=1)

    def s(name: str, parent: ParagraphStyle = base, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, **kw)

    cell = s("cell", fontSize=8.2, leading=11.5)
    return Styles(
        body=base,
        small=s("small", fontSize=8.2, leading=12),
        small_grey=s("small_grey", fontSize=7.8, leading=11, textColor=GREY),
        cell=cell,
        cell_bold=s("cell_bold", parent=cell, fontName=fonts.bold),
        cell_head=s("cell_head", parent=cell, fontName=fonts.bold, textColor=WHITE),
        cell_center=s("cell_center", parent=cell, alignment=TA_CENTER),
        cell_right=s("cell_right", parent=cell, alignment=TA_RIGHT),
        h1=s("h1", fontName=fonts.bold, fontSize=16, leading=22, textColor=NAVY, spaceBefore=16, spaceAfter=10),
        h2=s("h2", fontName=fonts.bold, fontSize=12, leading=17, textColor=NAVY, spaceBefore=12, spaceAfter=6),
        h3=s("h3", fontName=fonts.bold, fontSize=10, leading=14, textColor=INK, spaceBefore=8, spaceAfter=4),
        title=s("title", fontName=fonts.bold, fontSize=26, leading=34, textColor=NAVY, alignment=TA_LEFT),
        subtitle=s("subtitle", fontSize=12, leading=18, textColor=GREY),
        cover_name=s("cover_name", fontName=fonts.bold, fontSize=18, leading=25, textColor=INK),
        badge_value=s("badge_value", fontName=fonts.bold, fontSize=20, leading=26, alignment=TA_CENTER, textColor=WHITE),
        figure=s("figure", fontSize=14, leading=17),
        callout=s("callout", fontSize=9.5, leading=15, backColor=GREY_LIGHT, borderPadding=(6, 8, 6, 8), spaceBefore=6, spaceAfter=10),
    )
