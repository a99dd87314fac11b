"""Every role's pages in real Chromium, in Chinese and in English, on the demo data of
``sfa demo``: screenshots ``test-output/screenshots/role_<user>_<lang>_<n>.png`` to look at,
plus what only a browser shows — the charts fit a 390 px phone screen, the file uploader
and multiselects carry no English in Chinese mode, and no page raises.
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

from assessment import services
from assessment.cli_demo import prepare
from assessment.storage import Database
from assessment.storage.database import make_engine
from tests.conftest import shared_cache

from .test_flow import ARGS, CHROMIUM, ROOT, SHOTS, _free_port, _settle

ADMIN_PASSWORD = "browser admin password 9"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (.ci/run installs it)"),
]


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    directory = tmp_path_factory.mktemp("demo") / "demo-data"
    _, password = prepare(directory)
    engine = make_engine(f"sqlite:///{directory / 'sfa.sqlite3'}")
    services.create_user(Database(engine), services.Actor.system("browser-test"), username="admin-1", password=ADMIN_PASSWORD, role="admin")
    engine.dispose()
    env = {**os.environ, "SFA_DATA_DIR": str(directory), "SFA_CACHE_DIR": shared_cache()}
    env.pop("SFA_DATABASE_URL", None)
    port = _free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "streamlit_app.py"),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    yield f"http://127.0.0.1:{port}", password
    proc.terminate()
    proc.wait(timeout=20)


def _login(page, base: str, user: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base)
    page.wait_for_selector("text=登录", timeout=30000)
    page.get_by_label("用户名").fill(user)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector("[data-testid='stSidebar'] >> text=退出登录", timeout=30000)
    _settle(page)


def _shoot_all(page, user: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    links = page.locator("[data-testid='stSidebarNav'] a")
    for i in range(max(1, links.count())):  # an administrator has one page, and no page list
        if links.count():
            links.nth(i).click()
        _settle(page)
        page.wait_for_timeout(1500)
        _settle(page)
        assert not page.locator("[data-testid='stException']").count(), (user, lang, i)
        page.screenshot(path=SHOTS / f"role_{user}_{lang}_{i + 1}.png", animations="disabled", full_page=True)


@pytest.mark.parametrize("user", ["demo-enterprise", "demo-consultant", "demo-bureau", "admin-1"])
def test_browser__role_pages_zh_en__screenshots(demo_server: tuple[str, str], user: str) -> None:
    from playwright.sync_api import sync_playwright

    base, password = demo_server
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 2200})  # Streamlit scrolls inside; a tall window shows more
        _login(page, base, user, ADMIN_PASSWORD if user == "admin-1" else password)
        _shoot_all(page, user, "zh")
        page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
        _settle(page)
        _shoot_all(page, user, "en")
        browser.close()


def test_browser__phone_width__charts_fit_and_no_streamlit_english(demo_server: tuple[str, str]) -> None:
    from playwright.sync_api import sync_playwright

    base, password = demo_server
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(base.rstrip("/") + "/result")  # every address asks for the password first, then shows its page
        page.wait_for_selector("text=登录", timeout=30000)
        page.get_by_label("用户名").fill("demo-enterprise")
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_selector("[data-testid='stVegaLiteChart'], .vega-embed", timeout=30000)
        _settle(page)
        page.wait_for_timeout(1500)
        page.screenshot(path=SHOTS / "phone_390_result.png", animations="disabled", full_page=True)
        charts = page.locator(".vega-embed")
        assert charts.count() >= 2
        for i in range(charts.count()):
            box = charts.nth(i).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 391, (i, box)
        body = page.locator("[data-testid='stMain']").inner_text()
        assert "Select all" not in body and "Drag and drop" not in body
        browser.close()
