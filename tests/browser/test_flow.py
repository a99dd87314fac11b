"""One end-to-end flow in a real headless Chromium (Debian's, driven by Playwright).

A factory manager signs in, fills the whole 智改数转 questionnaire, reloads the browser
half-way and finds the answers kept, submits with the truthfulness pledge, downloads the
PDF and we read it. Screenshots of each page go to test-output/screenshots/.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessment import load_questionnaire, services
from assessment.storage import Database
from assessment.storage.database import make_engine
from assessment.storage.migrate import ensure_schema
from tests.conftest import shared_cache

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "browser test password 7"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (.ci/run installs it)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, int, Path]]:
    env = {**os.environ, "SFA_DATA_DIR": str(tmp_path), "SFA_CACHE_DIR": shared_cache()}
    env.pop("SFA_DATABASE_URL", None)
    os.environ["SFA_DATA_DIR"] = str(tmp_path)
    engine = make_engine(f"sqlite:///{tmp_path / 'sfa.sqlite3'}")
    ensure_schema(engine)
    db = Database(engine)
    system = services.Actor.system("browser-test")
    org = services.create_organisation(
        db,
        system,
        name="南充市果州纺织有限公司",
        credit_code="91511300MA6C4K7L27",
        region_code="511300",
        industry_code="17",
        size_class="small",
        production_type="discrete",
    )
    services.create_user(db, system, username="manager", password=PASSWORD, role="enterprise", organisation_id=org.id)
    actor = services.authenticate(db, "manager", PASSWORD)
    view = services.start_assessment(db, actor, org.id, "sme_digital")
    engine.dispose()
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"), "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    yield f"http://127.0.0.1:{port}", view.summary.id, tmp_path
    proc.terminate()
    proc.wait(timeout=20)


def _login(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("用户名").fill("manager")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def _settle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_timeout(250)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=20000)


def _saved_answers(db_dir: Path, aid: int) -> dict[str, object]:
    engine = make_engine(f"sqlite:///{db_dir / 'sfa.sqlite3'}")
    try:
        db = Database(engine)
        return dict(services.get_assessment(db, services.authenticate(db, "manager", PASSWORD), aid).answers)
    finally:
        engine.dispose()


def _fill_part(page, part: int, db_dir: Path, aid: int) -> int:  # type: ignore[no-untyped-def]
    """Answer every question of the current part with its most mature answer."""
    done = 0
    radios = page.locator("[data-testid='stMain'] [data-testid='stRadio']")
    for i in range(radios.count()):
        radios.nth(i).locator("label[data-testid='stRadioOption']").last.click()
        _settle(page)
        done += 1
    qn = load_questionnaire("sme_digital")
    multis = [q.id for q in qn.sections[part - 1].questions if q.kind == "multi"]
    selects = page.locator("[data-testid='stMain'] [data-testid='stMultiSelect']")
    for _attempt in range(4):  # a rerun landing mid-interaction can swallow a click: check and retry
        saved = _saved_answers(db_dir, aid)
        todo = [k for k, qid in enumerate(multis) if not saved.get(qid)]
        if not todo:
            break
        for k in todo:
            _settle(page)
            page.wait_for_timeout(400)
            selects.nth(k).click()
            page.wait_for_timeout(300)
            select_all = page.get_by_role("option", name="Select all")
            if select_all.count():
                select_all.first.click()
            else:  # older Streamlit: pick the options one by one
                while (opts := page.get_by_role("option")).count():
                    opts.first.click()
                    page.wait_for_timeout(200)
            page.keyboard.press("Escape")
            _settle(page)
    return done + len(multis)


def test_browser__full_questionnaire_reload_submit_pdf(server: tuple[str, int, Path]) -> None:
    from playwright.sync_api import expect, sync_playwright
    from pypdf import PdfReader

    base, aid, db_dir = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
        page.goto(base)
        page.wait_for_selector("text=登录", timeout=30000)
        page.screenshot(path=SHOTS / "01_login.png", animations="disabled")
        _login(page, base)
        page.wait_for_selector("text=评估记录", timeout=30000)
        page.screenshot(path=SHOTS / "02_assessments.png", animations="disabled")
        page.get_by_role("button", name="继续填写").first.click()
        page.wait_for_selector("text=第 1/4 部分", timeout=30000)
        page.wait_for_selector("[data-testid='stRadio']", timeout=30000)
        _settle(page)
        page.screenshot(path=SHOTS / "03_questionnaire_part1.png", animations="disabled")

        answered = _fill_part(page, 1, db_dir, aid)
        assert answered >= 7
        url = page.url
        page.screenshot(path=SHOTS / "04_part1_filled.png", animations="disabled", full_page=True)

        # reload half-way: the session is gone, the answers are not
        page.reload()
        page.wait_for_selector("text=登录", timeout=30000)
        _settle(page)
        page.screenshot(path=SHOTS / "05_reloaded_login.png", animations="disabled")
        _login(page, base)
        page.wait_for_selector("text=第 1/4 部分", timeout=30000)
        page.wait_for_selector("[data-testid='stRadio']", timeout=30000)
        _settle(page)
        assert f"a={aid}" in page.url or "questionnaire" in url
        expect(page.get_by_role("radio", name="全覆盖")).to_be_checked()
        page.screenshot(path=SHOTS / "05_after_reload.png", animations="disabled")
        _fill_part(page, 1, db_dir, aid)  # answering again is harmless: every save is idempotent

        for part in (2, 3, 4):
            page.get_by_role("button", name="下一部分").click()
            page.wait_for_selector(f"text=第 {part}/4 部分", timeout=30000)
            page.wait_for_selector("[data-testid='stRadio']", timeout=30000)
            _settle(page)
            _fill_part(page, part, db_dir, aid)
            page.screenshot(path=SHOTS / f"06_part{part}.png", animations="disabled")

        page.get_by_role("button", name="查看结果").click()
        page.wait_for_selector("text=诊断等级", timeout=30000)
        page.wait_for_timeout(1500)
        page.screenshot(path=SHOTS / "07_result.png", animations="disabled")
        # what the page shows is what the engine says about the answers stored
        engine = make_engine(f"sqlite:///{db_dir / 'sfa.sqlite3'}")
        stored = services.result(Database(engine), services.authenticate(Database(engine), "manager", PASSWORD), aid)
        engine.dispose()
        assert stored.answered >= 25 and stored.level is not None
        level_label = stored.rung_label.zh
        expect(page.get_by_text(level_label, exact=True).first).to_be_visible()
        expect(page.get_by_text(f"{stored.answered} / {stored.total_questions}")).to_be_visible()

        page.get_by_text("本企业承诺所填信息真实").click()
        page.get_by_role("button", name="提交至经信局").click()
        page.wait_for_selector("text=已提交", timeout=30000)

        page.get_by_role("button", name="下载 PDF 报告").click()
        button = page.get_by_role("button", name="下载 PDF 报告")
        button.wait_for(timeout=120000)
        page.wait_for_selector("[data-testid='stDownloadButton']", timeout=120000)
        with page.expect_download(timeout=60000) as info:
            page.locator("[data-testid='stDownloadButton'] button").click()
        pdf = info.value.path().read_bytes()
        page.screenshot(path=SHOTS / "08_submitted.png", animations="disabled")
        browser.close()

    text = "".join(pg.extract_text() or "" for pg in PdfReader(io.BytesIO(pdf)).pages)
    assert pdf.startswith(b"%PDF")
    assert "南充市果州纺织有限公司" in text and level_label in text
