"""The parsed-questionnaire cache: hits, misses on any change, and distrust of what it finds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assessment import catalog, compiled
from assessment.catalog import load_dir
from assessment.engine.models import Questionnaire

from .conftest import MINI


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SFA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SFA_COMPILED_CACHE", raising=False)
    return tmp_path / "cache" / "compiled"


def _entries(d: Path) -> list[Path]:
    return sorted(d.glob("*.pickle")) if d.is_dir() else []


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = catalog.parse_questionnaire

    def counting(*a: object, **kw: object) -> Questionnaire:
        calls.append(1)
        return real(*a, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog, "parse_questionnaire", counting)
    return calls


def test_second_load_comes_from_the_cache_and_equals_the_parsed_one(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_parses(monkeypatch)
    first = load_dir(MINI)
    assert len(calls) == 1 and len(_entries(cache)) == 1
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    second = load_dir(MINI)
    assert len(calls) == 1, "the second load parsed the YAML again"
    assert second == first and second is not first
    assert second.model_dump() == first.model_dump()


def test_a_changed_file_is_parsed_again(cache: Path, mini_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_parses(monkeypatch)
    before = load_dir(mini_copy)
    main = mini_copy / "questionnaire.yaml"
    text = main.read_text(encoding="utf-8")
    assert before.title.zh in text
    main.write_text(text.replace(before.title.zh, "改过的标题", 1), encoding="utf-8")
    after = load_dir(mini_copy)
    assert len(calls) == 2 and after.title.zh == "改过的标题"
    assert len(_entries(cache)) == 2


def test_a_changed_engine_misses(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_parses(monkeypatch)
    load_dir(MINI)
    monkeypatch.setattr(compiled, "_engine_fingerprint", lambda: b"another engine")
    load_dir(MINI)
    assert len(calls) == 2


def test_a_corrupt_entry_is_rebuilt(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = load_dir(MINI)
    (entry,) = _entries(cache)
    entry.write_bytes(b"\x80\x05not a pickle at all")
    calls = _count_parses(monkeypatch)
    assert load_dir(MINI) == good and len(calls) == 1
    calls.clear()
    assert load_dir(MINI) == good and not calls, "the rebuilt entry was not written back"


def test_an_entry_of_another_type_is_ignored(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = load_dir(MINI)
    (entry,) = _entries(cache)
    compiled.store(entry.stem, {"not": "a questionnaire"})
    calls = _count_parses(monkeypatch)
    assert load_dir(MINI) == good and len(calls) == 1


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_directory_others_can_write_is_neither_read_nor_written(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_dir(MINI)
    (entry,) = _entries(cache)
    cache.chmod(0o777)
    try:
        assert compiled.load(entry.stem, Questionnaire) is None
        entry.unlink()
        calls = _count_parses(monkeypatch)
        load_dir(MINI)
        load_dir(MINI)
        assert len(calls) == 2 and not _entries(cache)
    finally:
        cache.chmod(0o700)


def test_switched_off_and_unwritable_mean_no_cache(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SFA_COMPILED_CACHE", "0")
    load_dir(MINI)
    assert not cache.exists()
    monkeypatch.delenv("SFA_COMPILED_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("SFA_CACHE_DIR", str(blocker))
    assert load_dir(MINI).id  # still loads, from the YAML


def test_a_broken_questionnaire_is_never_cached(cache: Path, mini_copy: Path) -> None:
    from assessment.engine.loader import QuestionnaireError

    main = mini_copy / "questionnaire.yaml"
    main.write_text(main.read_text(encoding="utf-8") + "\nunknown_key: 1\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(QuestionnaireError):
            load_dir(mini_copy)
    assert not _entries(cache)
