"""PDF gap report (reportlab): a :class:`~assessment.engine.results.Result` → PDF bytes.

The only package that imports reportlab. Usage::

    from reports import ReportOptions, render_report
    pdf = render_report(result, questionnaire, profile, ReportOptions(lang="zh"), answers=answers)

Fonts are made once per user (see :mod:`reports.fonts`); the first report of a fresh machine
takes 20–40 s for that, later ones well under a second.
"""

from .fonts import FontError, cache_dir, ensure_fonts
from .options import ReportError, ReportOptions, ReportPart
from .render import render_combined_report, render_report

__all__ = [
    "FontError",
    "ReportError",
    "ReportOptions",
    "ReportPart",
    "cache_dir",
    "ensure_fonts",
    "render_combined_report",
    "render_report",
]
