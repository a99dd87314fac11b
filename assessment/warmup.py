"""Getting ready before anyone asks: the PDF fonts (and the parsed questionnaires) are
prepared in the background.

The first PDF on a machine needs the Chinese fonts instanced once (20–40 s, see
:mod:`reports.fonts`). ``make install`` and the web app at start call
:func:`prepare_fonts_in_background`, which starts ``python -m reports`` as a detached child
and returns at once; the child does nothing when the cache is complete, and the font
cache's lock makes a report that starts meanwhile wait for the same work instead of
doing it twice. Only the standard library is imported here.
"""

from __future__ import annotations

import os
import subprocess
import sys


def prepare_fonts_in_background() -> subprocess.Popen[bytes] | None:
    """Start preparing the font cache in a detached child process (None if it cannot start)."""
    if os.environ.get("SFA_NO_FONT_WARMUP") == "1":
        return None
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "reports"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:  # no interpreter or no process left: the first report will prepare them
        return None


if __name__ == "__main__":
    prepare_fonts_in_background()
