"""The PDF fonts are prepared in the background at install and app start."""

from __future__ import annotations

import pytest

from assessment.warmup import prepare_fonts_in_background


def test_warmup__starts_python_m_reports_detached_and_returns_at_once(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.delenv("SFA_NO_FONT_WARMUP", raising=False)
    monkeypatch.setenv("SFA_CACHE_DIR", str(tmp_path))
    child = prepare_fonts_in_background()
    assert child is not None
    try:
        assert list(child.args)[1:] == ["-m", "reports"] and child.poll() is None  # still working: we did not wait
    finally:
        child.kill()
        child.wait(timeout=30)


def test_warmup__can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SFA_NO_FONT_WARMUP", "1")
    assert prepare_fonts_in_background() is None
