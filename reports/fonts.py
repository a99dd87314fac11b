"""Fonts for the PDF: static Noto Sans SC Regular/Bold, made once from pip-installed fonts.

reportlab embeds TrueType fonts only and takes a variable font's default instance, which
for Noto Sans SC is *Thin*. So on first use the variable font shipped by a pip package
(``textflowkit-fonts`` or ``justmytype-intl-cjk``) is instanced with fontTools into static
Regular (wght 400) and Bold (700) TTFs and cached per user:

* ``$SFA_CACHE_DIR/fonts`` if set, else ``$XDG_CACHE_HOME/sfa/fonts``, else ``~/.cache/sfa/fonts``.

Instancing takes about 15 s per weight; both weights are made in parallel child
interpreters, once.

Two small supplements cover what Noto Sans SC lacks (both optional; what no font has is shown
as a visible ``[U+XXXX]`` placeholder, see :mod:`reports.text`):

* **SfaSansExt** — the ~650 characters Noto Sans JP (``justmytype-intl-cjk``) has and SC
  lacks, e.g. the CJK Extension B ideograph 𠮷 (U+20BB7) used in personal names;
* **SfaEmoji** — monochrome Noto Emoji (``manimgx-fonts``).

``python -m reports`` prepares the cache ahead of time (e.g. in a Docker build).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

RECIPE = "r1"  # bump when the way cached fonts are made changes
FAMILY = "SfaSans"
FAMILY_BOLD = "SfaSans-Bold"
EXT = "SfaSansExt"
EXT_BOLD = "SfaSansExt-Bold"
EMOJI = "SfaEmoji"

# (package, path inside it); the first one installed is used.
SC_SOURCES = (("textflowkit_fonts", "fonts/NotoSansSC.ttf"), ("justmytype_intl_cjk", "fonts/ofl/notosanssc/NotoSansSC[wght].ttf"))
JP_SOURCES = (("justmytype_intl_cjk", "fonts/ofl/notosansjp/NotoSansJP[wght].ttf"),)
EMOJI_SOURCES = (("manimgx_fonts", "NotoEmoji[wght].ttf"),)

Progress = Callable[[str], None]


class FontError(RuntimeError):
    """The Chinese fonts cannot be obtained or cached; the message says what to do."""


def cache_dir() -> Path:
    """The per-user font cache directory (not created here)."""
    from assessment.compiled import cache_root

    return cache_root() / "fonts"


def _find(sources: tuple[tuple[str, str], ...]) -> Path | None:
    for package, rel in sources:
        try:
            path = Path(str(resources.files(package).joinpath(rel)))
        except (ModuleNotFoundError, TypeError):
            continue
        if path.is_file():
            return path
    return None


@dataclass(frozen=True)
class _Job:
    src: str
    dst: str
    wght: float
    exclude_from: str = ""  # keep only characters this font (the SC source) lacks


def _make(job: _Job) -> str:
    """Instance (and optionally subset) one variable font; runs in a worker process."""
    from fontTools import subset
    from fontTools.ttLib import TTFont as FTFont
    from fontTools.varLib import instancer

    font = FTFont(job.src)
    if job.exclude_from:
        have = set(FTFont(job.exclude_from, lazy=True).getBestCmap())
        keep = sorted(set(font.getBestCmap()) - have)
        opts = subset.Options()
        opts.layout_features = ["*"]
        opts.name_IDs = ["*"]
        opts.notdef_outline = True
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=keep)
        sub.subset(font)
    axis = next(a for a in font["fvar"].axes if a.axisTag == "wght")
    wght = min(max(job.wght, axis.minValue), axis.maxValue)
    static = instancer.instantiateVariableFont(font, {"wght": wght}, updateFontNames=True, optimize=False)
    tmp = f"{job.dst}.{os.getpid()}.tmp"
    static.save(tmp)
    os.replace(tmp, job.dst)
    return job.dst


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path
    ext_regular: Path | None = None
    ext_bold: Path | None = None
    emoji: Path | None = None


def _stamp(src: Path) -> str:
    return f"{RECIPE}-{src.stat().st_size}"


@contextlib.contextmanager
def _lock(directory: Path) -> Iterator[None]:
    """One process makes the fonts; others wait for it (no-op where fcntl is missing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(directory / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


_WORKER = "import sys; from reports.fonts import _Job, _make; _make(_Job(sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]))"


def _run(jobs: list[_Job]) -> None:
    """Make the fonts, two at a time in child interpreters.

    Plain subprocesses rather than multiprocessing: a spawned worker would re-import the
    caller's ``__main__`` (a script, Streamlit …), which is not ours to re-run.
    """
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    pending = list(jobs)
    running: list[tuple[_Job, subprocess.Popen[bytes]]] = []
    failed: list[_Job] = []
    if not sys.executable:
        failed, pending = pending, []
    while pending or running:
        while pending and len(running) < 2:
            job = pending.pop(0)
            cmd = [sys.executable, "-c", _WORKER, job.src, job.dst, str(job.wght), job.exclude_from]
            try:  # our own interpreter and file paths, no shell
                running.append((job, subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)))  # noqa: S603
            except OSError:
                failed.append(job)
        if not running:
            continue
        job, proc = running.pop(0)
        proc.wait()
        if proc.returncode != 0 or not Path(job.dst).is_file():
            failed.append(job)
    for job in failed:  # no child interpreter here, or it failed: do it in this process
        _make(job)


def default_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_fonts(progress: Progress | None = default_progress, directory: Path | None = None) -> FontFiles:
    """Return the static font files, making them on first use (tens of seconds, once)."""
    sc = _find(SC_SOURCES)
    if sc is None:
        raise FontError("Noto Sans SC not found: pip install textflowkit-fonts (or justmytype-intl-cjk)")
    jp, emoji = _find(JP_SOURCES), _find(EMOJI_SOURCES)
    d = directory or cache_dir()
    s = _stamp(sc)
    files = FontFiles(
        regular=d / f"NotoSansSC-Regular.{s}.ttf",
        bold=d / f"NotoSansSC-Bold.{s}.ttf",
        ext_regular=d / f"NotoSansJP-Supplement-Regular.{s}.{_stamp(jp)}.ttf" if jp else None,
        ext_bold=d / f"NotoSansJP-Supplement-Bold.{s}.{_stamp(jp)}.ttf" if jp else None,
        emoji=d / f"NotoEmoji-Regular.{_stamp(emoji)}.ttf" if emoji else None,
    )
    wanted = [
        _Job(str(sc), str(files.regular), 400),
        _Job(str(sc), str(files.bold), 700),
    ]
    if jp and files.ext_regular and files.ext_bold:
        wanted += [_Job(str(jp), str(files.ext_regular), 400, str(sc)), _Job(str(jp), str(files.ext_bold), 700, str(sc))]
    if emoji and files.emoji:
        wanted.append(_Job(str(emoji), str(files.emoji), 400))
    if all(Path(j.dst).is_file() for j in wanted):
        return files
    try:
        d.mkdir(parents=True, exist_ok=True)
        with _lock(d):
            todo = [j for j in wanted if not Path(j.dst).is_file()]
            if todo:
                if progress:
                    progress(f"正在准备中文字体（仅首次使用，约 20–40 秒）/ preparing Chinese fonts, first use only (20–40 s): {d}")
                t0 = time.perf_counter()
                _run(todo)
                if progress:
                    progress(f"字体已就绪 / fonts ready ({time.perf_counter() - t0:.0f} s)")
    except OSError as exc:
        raise FontError(f"{d}: cannot write the font cache ({exc.strerror or exc}); set SFA_CACHE_DIR to a writable directory") from None
    return files


@dataclass(frozen=True)
class FontSet:
    """The fonts registered with reportlab and the characters each one has."""

    regular: str
    bold: str
    covered: frozenset[int]
    ext: str | None = None
    ext_covered: frozenset[int] = frozenset()
    emoji: str | None = None
    emoji_covered: frozenset[int] = frozenset()

    def font_for(self, ch: str) -> str | None:
        """The family that has ``ch`` ('' for the main one), or None if no font has it."""
        cp = ord(ch)
        if cp in self.covered:
            return ""
        if self.ext and cp in self.ext_covered:
            return self.ext
        if self.emoji and cp in self.emoji_covered:
            return self.emoji
        return None


_registered: dict[FontFiles, FontSet] = {}


def _utf16_hex(cp: int) -> str:
    """A code point as the UTF-16BE hex a ToUnicode CMap needs (surrogate pair above U+FFFF)."""
    return chr(cp).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ``makeToUnicodeCMap`` with characters beyond the BMP written correctly.

    reportlab 4–5 writes U+20BB7 as the odd-length ``<20BB7>``, so 𠮷 and emoji render but
    cannot be copied or extracted; PDF requires UTF-16BE, i.e. ``<D842DFB7>``.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def register_fonts(progress: Progress | None = default_progress, directory: Path | None = None) -> FontSet:
    """Make sure the fonts exist and are registered with reportlab (once per process)."""
    files = ensure_fonts(progress, directory)
    if files in _registered:
        return _registered[files]
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # see _to_unicode_cmap

    def load(name: str, path: Path) -> TTFont:
        try:
            font = TTFont(name, str(path))
        except (TTFError, OSError) as exc:
            raise FontError(f"{path}: unreadable cached font ({exc}); delete it to have it made again") from None
        pdfmetrics.registerFont(font)
        return font

    def family(name: str, regular: Path, bold: Path | None) -> frozenset[int]:
        font = load(name, regular)
        bold_name = name
        if bold is not None:
            bold_name = f"{name}-Bold"
            load(bold_name, bold)
        for b in (0, 1):
            for i in (0, 1):
                addMapping(name, b, i, bold_name if b else name)
        return frozenset(font.face.charToGlyph)

    fs = FontSet(regular=FAMILY, bold=FAMILY_BOLD, covered=family(FAMILY, files.regular, files.bold))
    if files.ext_regular is not None:
        fs = FontSet(**{**vars(fs), "ext": EXT, "ext_covered": family(EXT, files.ext_regular, files.ext_bold)})
    if files.emoji is not None:
        fs = FontSet(**{**vars(fs), "emoji": EMOJI, "emoji_covered": family(EMOJI, files.emoji, None)})
    _registered[files] = fs
    return fs
