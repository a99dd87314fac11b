"""Escaping, font fallback and the font cache, without laying out a whole report."""

from __future__ import annotations

import ast
import doctest
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reports.text
from reports.fonts import FontError, FontSet, _to_unicode_cmap, cache_dir, ensure_fonts
from reports.text import markup, placeholder, plain, runs, shorten
from tests.report_samples import font_cache

__all__ = ["font_cache"]

ROOT = Path(__file__).resolve().parents[1]
FS = FontSet(
    "R",
    "R-Bold",
    frozenset(map(ord, "<>/&ab 粗体AB\n")),
    ext="X",
    ext_covered=frozenset([0x20BB7]),
    emoji="E",
    emoji_covered=frozenset([0x1F600]),
)


def test_text__doctests() -> None:
    assert doctest.testmod(reports.text).failed == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<b>粗体</b>", "&lt;b&gt;粗体&lt;/b&gt;"),
        ("a & b", "a &amp; b"),
        ("a\nb", "a<br/>b"),
        ("", ""),
        ("a𠮷", 'a<font name="X">𠮷</font>'),
        ("😀", '<font name="E">😀</font>'),
        ("a\u200db\ufe0f", "ab"),
        ("a\x07", 'a<font color="#8A8F98">[U+0007]</font>'),
        ("\U00017000", '<font color="#8A8F98">[U+17000]</font>'),
    ],
)
def test_markup__shows_text_literally(raw: str, expected: str) -> None:
    assert markup(raw, FS) == expected


def test_markup__bold_style__uses_the_bold_supplement() -> None:
    assert markup("𠮷", FS, bold=True) == '<font name="X-Bold">𠮷</font>'


@settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_markup__any_text__parses_as_reportlab_markup(font_cache: Path, text: str) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from reports.fonts import register_fonts

    fs = register_fonts(progress=None)
    Paragraph(markup(text, fs), ParagraphStyle("t", fontName=fs.regular)).wrap(200, 1000)


def test_plain_and_runs__placeholders_in_the_main_font() -> None:
    assert plain("a𠮷", FS) == "a" + placeholder("𠮷")
    assert runs("ab 𠮷\x07", FS) == [("", "ab "), ("X", "𠮷"), ("", "[U+0007]")]


def test_shorten__marks_the_cut() -> None:
    assert shorten("一二三四五", 3) == "一二…"
    assert shorten("  a   b ", 10) == "a b"


def test_to_unicode_cmap__beyond_the_bmp__is_utf16() -> None:
    cmap = _to_unicode_cmap("F", [0x41, 0x20BB7])
    assert "<00> <0041>" in cmap and "<01> <D842DFB7>" in cmap


def test_cache_dir__follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SFA_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c" / "fonts"
    monkeypatch.delenv("SFA_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache_dir() == tmp_path / "x" / "sfa" / "fonts"


def test_ensure_fonts__unwritable_cache__says_what_to_do(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FontError, match="SFA_CACHE_DIR"):
        ensure_fonts(progress=None, directory=blocker / "fonts")


def test_architecture__reportlab_only_in_reports() -> None:
    problems = []
    for f in [*sorted(ROOT.glob("assessment/**/*.py")), ROOT / "streamlit_app.py", *ROOT.glob("app_pages/**/*.py")]:
        if not f.is_file():
            continue
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            problems += [f"{f.relative_to(ROOT)}:{node.lineno}" for n in names if n.split(".")[0] == "reportlab"]
    assert not problems


def test_ensure_fonts__without_child_interpreters__makes_them_in_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import subprocess

    import reports.fonts as fonts

    made: list[str] = []

    def refuse(*args: object, **kw: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(fonts, "_make", lambda job: made.append(Path(job.dst).name))
    fonts._run([fonts._Job("s", str(tmp_path / f"f{i}.ttf"), 400) for i in range(5)])
    assert made == [f"f{i}.ttf" for i in range(5)]


def test_text__subscript_the_fonts_lack__set_as_the_plain_digit_lowered() -> None:
    fs = FontSet("R", "R-Bold", frozenset(map(ord, "CO2 m")))
    assert markup("CO₂", fs) == "CO<sub>2</sub>"
    assert markup("m²", fs) == "m<super>2</super>"
    assert plain("CO₂", fs) == "CO2" and runs("CO₂", fs) == [("", "CO2")]
    assert markup("₃", fs) == '<font color="#8A8F98">[U+2083]</font>'  # no font has 3 either: still visible, never dropped


def test_table__never_leaves_a_single_row_alone_on_a_page() -> None:
    from reports.kit import WidowlessTable

    rows = [["head"]] + [[f"row {i}"] for i in range(10)]
    t = WidowlessTable(rows, colWidths=[100], repeatRows=1)
    _, height = t.wrap(100, 1000)
    row = height / len(rows)
    first, second = t.split(100, row * 10 + 1)  # a plain split would put one row on the next page
    assert (len(first._cellvalues), len(second._cellvalues)) == (9, 3)  # header + 8 | header + 2
    t = WidowlessTable(rows, colWidths=[100], repeatRows=1)
    t.wrap(100, 1000)
    assert t.split(100, row * 2 + 1) == []  # only one row would fit: the whole table moves on
