"""``sfa serve`` started from a directory with no Streamlit config: it binds loopback, and a
page load in Chromium (sign-in, questionnaire, result) requests nothing from another host."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessment import services
from assessment.storage import Database
from assessment.storage.database import make_engine
from assessment.storage.migrate import ensure_schema
from tests.conftest import shared_cache

from .helpers import BROWSER_ARGS, CHROMIUM, SHOTS, free_port, need, settle, sign_in, wait_listening

PASSWORD = "serve test password 7"
pytestmark = pytest.mark.slow


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    data = tmp_path / "data"
    engine = make_engine(f"sqlite:///{data / 'sfa.sqlite3'}")
    ensure_schema(engine)
    db = Database(engine)
    system = services.Actor.system("serve-test")
    org = services.create_organisation(
        db, system, name="绵阳市涪城精工有限公司", credit_code="91510700MA6AB1CX24", region_code="510703",
        industry_code="34", size_class="medium", production_type="discrete",
    )  # fmt: skip
    services.create_user(db, system, username="manager", password=PASSWORD, role="enterprise", organisation_id=org.id)
    services.start_assessment(db, services.authenticate(db, "manager", PASSWORD), org.id, "smart_factory")
    engine.dispose()
    port = free_port()
    cwd = tmp_path / "elsewhere"  # no .streamlit/config.toml here
    cwd.mkdir()
    env = {**os.environ, "SFA_DATA_DIR": str(data), "SFA_CACHE_DIR": shared_cache()}
    env.pop("SFA_DATABASE_URL", None)
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        cmd = [sys.executable, "-m", "assessment.cli", "serve", "--port", str(port)]
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=out)
    try:
        wait_listening(port, 60, proc)
        yield f"http://127.0.0.1:{port}", log
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve__from_another_directory__loopback_only_and_no_outside_request(served: tuple[str, Path]) -> None:
    need(Path(CHROMIUM).exists(), "Debian chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    base, log = served
    urls: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("request", lambda r: urls.append(r.url))
        page.goto(base)
        sign_in(page, "manager", PASSWORD)
        page.wait_for_selector("text=评估记录", timeout=30000)
        page.get_by_role("button", name="继续填写").first.click()
        page.wait_for_selector("[data-testid='stRadio']", timeout=30000)
        settle(page)
        page.get_by_role("link", name="评估结果").click()
        page.wait_for_selector("text=能力等级", timeout=30000)
        settle(page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / "serve_result_zh.png", animations="disabled")
        page.get_by_text("English", exact=True).click()
        page.wait_for_selector("text=Capability tier", timeout=30000)
        settle(page)
        page.screenshot(path=SHOTS / "serve_result_en.png", animations="disabled")
        browser.close()
    assert len(urls) > 20, urls
    outside = [u for u in urls if not (u.startswith(base + "/") or u == base or u.startswith(("data:", "blob:")))]
    assert outside == [], f"requests that left the machine: {outside}"
    text = log.read_text(encoding="utf-8", errors="replace")
    assert f"started on 127.0.0.1:{base.rsplit(':', 1)[1]}" in text, text
