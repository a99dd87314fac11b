"""A hostile organisation name on the bureau's result page, in real Chromium.

The AppTest in ``tests/ui/test_hostile_user_text.py`` checks the Markdown source the pages
send; this checks what Streamlit's Markdown renderer makes of it in a browser: no link, no
image, no bold badge, no icon or coloured text, no auto-linked address. Screenshot:
``test-output/screenshots/hostile_bureau_result.png``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app_pages.ui.text import WORD_JOINER, plain
from assessment import services
from assessment.storage import Database
from assessment.storage.database import make_engine
from assessment.storage.migrate import ensure_schema
from tests.conftest import shared_cache

from .test_flow import ARGS, CHROMIUM, ROOT, SHOTS, _free_port, _settle

PASSWORD = "browser test password 8"
NAME = (
    "乙 [x](https://evil.example) ![t](http://evil.example/a.png) **领航级已认证** <img src=x onerror=alert(1)>"
    " a\u202eb :material/verified: :green[已认证] www.evil.example"
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (.ci/run installs it)"),
]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, int]]:
    env = {**os.environ, "SFA_DATA_DIR": str(tmp_path), "SFA_CACHE_DIR": shared_cache()}
    env.pop("SFA_DATABASE_URL", None)
    engine = make_engine(f"sqlite:///{tmp_path / 'sfa.sqlite3'}")
    ensure_schema(engine)
    db = Database(engine)
    system = services.Actor.system("browser-test")
    org = services.create_organisation(
        db,
        system,
        name=NAME,
        credit_code="91510700MA62Q3L413",
        region_code="510700",
        industry_code="39",
        size_class="medium",
        production_type="discrete",
    )
    services.create_user(db, system, username="ent", password=PASSWORD, role="enterprise", organisation_id=org.id)
    services.create_user(db, system, username="bureau", password=PASSWORD, role="bureau", jurisdiction="510700")
    ent = services.authenticate(db, "ent", PASSWORD)
    aid = services.start_assessment(db, ent, org.id, "sme_digital").summary.id
    services.save_answers(db, ent, aid, {"base.info_system_coverage": "full", "scenario.finance": "l2"})
    services.submit(db, ent, aid)
    engine.dispose()
    port = _free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"), "--server.port", str(port)]
    cmd += ["--server.headless", "true"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    yield f"http://127.0.0.1:{port}", aid
    proc.terminate()
    proc.wait(timeout=20)


def test_browser__bureau_result__hostile_organisation_name_shown_as_text(server: tuple[str, int]) -> None:
    from playwright.sync_api import sync_playwright

    base, aid = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        page.goto(f"{base}/result?a={aid}")
        page.wait_for_selector("text=登录", timeout=30000)
        page.get_by_label("用户名").fill("bureau")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_selector("h1:has-text('评估结果')", timeout=30000)
        page.wait_for_selector("text=诊断等级", timeout=30000)
        _settle(page)
        page.wait_for_timeout(1000)
        page.screenshot(path=SHOTS / "hostile_bureau_result.png", animations="disabled")
        found = page.evaluate(
            """() => ({
                links: [...document.querySelectorAll('a[href]')].map(a => a.href)
                    .filter(h => new URL(h).origin !== location.origin),  // headings' own #anchors stay
                images: [...document.querySelectorAll('img')].map(i => i.src).filter(s => s.includes('evil') || s.endsWith('/x')),
                bold: [...document.querySelectorAll('strong, b')].map(e => e.textContent).filter(t => t.includes('领航级已认证')),
                icons: [...document.querySelectorAll('[role=img][aria-label*=verified]')].length,
                coloured: [...document.querySelectorAll('.stMarkdownColoredText, .stMarkdownColoredBackground')]
                    .map(e => e.textContent).filter(t => t.includes('已认证')),
                title: document.querySelector('h1').innerText,
            })"""
        )
        browser.close()
    assert found["links"] == [] and found["images"] == [] and found["bold"] == []
    assert found["icons"] == 0 and found["coloured"] == []
    assert found["title"].replace(WORD_JOINER, "").strip() == f"评估结果 · {plain(NAME)}"
