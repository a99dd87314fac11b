"""The built wheel carries the questionnaire data and the `sfa` entry point."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_packaging__wheel_includes_questionnaires(tmp_path: Path) -> None:
    builders = pytest.importorskip("hatchling.builders.wheel")
    builder = builders.WheelBuilder(str(ROOT))
    wheel = Path(next(iter(builder.build(directory=str(tmp_path), versions=["standard"]))))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "assessment/_questionnaires/smart_factory/2025.1/questionnaire.yaml" in names
    assert "assessment/_questionnaires/sme_digital/2024.1/sections/02_operations.yaml" in names
    assert "assessment/_questionnaires/recommendations/smart_factory/2025.1.yaml" in names
    assert "assessment/_questionnaires/smart_factory/2025.2/questionnaire.yaml" in names
    assert "assessment/_questionnaires/migrations/smart_factory/2025.1-2025.2.yaml" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "sfa = assessment.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
