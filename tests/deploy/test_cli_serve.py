"""``sfa serve`` hands Streamlit its settings explicitly (checked on ``--dry-run``, no server)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assessment import cli_serve
from assessment.cli import app
from assessment.services.evidence import MAX_FILE_BYTES

runner = CliRunner()


def flags(*args: str) -> dict[str, list[str]]:
    r = runner.invoke(app, ["serve", "--dry-run", *args])
    assert r.exit_code == 0, r.stderr
    words = r.stdout.split()
    out: dict[str, list[str]] = {}
    for i, w in enumerate(words):
        if w.startswith("--"):
            out.setdefault(w[2:], []).append(words[i + 1])
    return out


def test_serve__dry_run__passes_every_setting_explicitly() -> None:
    f = flags()
    assert f["server.address"] == ["127.0.0.1"] and f["server.port"] == ["8501"]
    assert int(f["server.maxUploadSize"][0]) * 1024 * 1024 >= MAX_FILE_BYTES > (int(f["server.maxUploadSize"][0]) - 1) * 1024 * 1024
    assert f["client.showErrorDetails"] == ["none"]
    assert f["server.enableXsrfProtection"] == ["true"] and f["server.enableCORS"] == ["true"]
    assert f["browser.gatherUsageStats"] == ["false"] and f["server.enableAgentApi"] == ["false"]
    assert "server.allowedHosts" not in f


def test_serve__app_file__found_beside_the_package_not_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli_serve.app_path().is_file()
    r = runner.invoke(app, ["serve", "--dry-run"])
    assert str(cli_serve.app_path()) in r.stdout


def test_serve__address_port_and_hosts__from_options_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    f = flags("--address", "::1", "--port", "9001", "--allowed-host", "sfa.example.cn")
    assert f["server.address"] == ["::1"] and f["server.port"] == ["9001"] and f["server.allowedHosts"] == ["sfa.example.cn"]
    monkeypatch.setenv("SFA_PORT", "9002")
    monkeypatch.setenv("SFA_ALLOWED_HOSTS", "a.example.cn, b.example.cn")
    f = flags()
    assert f["server.port"] == ["9002"] and f["server.allowedHosts"] == ["a.example.cn", "b.example.cn"]


@pytest.mark.parametrize(("args", "words"), [(["--address", "example.org"], "IP"), (["--port", "70000"], "端口")])
def test_serve__bad_address_or_port__one_line_error(args: list[str], words: str) -> None:
    r = runner.invoke(app, ["serve", "--dry-run", *args])
    assert r.exit_code == 2
    assert words in r.stderr and "Traceback" not in r.stderr


def test_serve__cookie_secret__made_once_private_and_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SFA_COOKIE_SECRET", raising=False)
    first = cli_serve.cookie_secret(tmp_path / "data")
    assert len(first) == 64 and cli_serve.cookie_secret(tmp_path / "data") == first
    assert stat.S_IMODE(os.stat(tmp_path / "data" / "cookie-secret").st_mode) == 0o600
    monkeypatch.setenv("SFA_COOKIE_SECRET", "shared-by-all-processes")
    assert cli_serve.cookie_secret(tmp_path / "data") == "shared-by-all-processes"
