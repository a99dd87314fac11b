"""The province deployment on loopback: PostgreSQL, two ``sfa serve`` processes started as the
systemd unit starts them, and nginx in front running ``deploy/nginx/sfa.conf`` (only names,
ports, paths and a self-signed certificate replaced).

What it shows: the security headers and the body-size limit; the sticky-session cookie; a
Chromium session through the proxy that saves answers in process A and finds them served by
process B after a reload; sign-in throttling that holds across the processes; killing the
process a session is in loses no saved answer; and a ``pg_dump`` backup restored into a new
database keeps every answer. Nothing the browser requests leaves the machine and the CSP
blocks nothing the app needs.

Needs nginx, openssl, Debian's chromium and ``SFA_TEST_POSTGRES_URL`` (``.ci/run`` provides
all of them; there a missing one fails the test instead of skipping it).
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from assessment import services
from assessment.storage import open_database
from assessment.storage.tables import LoginThrottle
from tests.conftest import shared_cache

from .helpers import BROWSER_ARGS, CHROMIUM, ROOT, SHOTS, free_port, need, settle, sign_in, wait_listening

PG_URL = os.environ.get("SFA_TEST_POSTGRES_URL", "")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
PASSWORD = "deployment test password 7"
UNIT = ROOT / "deploy" / "systemd" / "sfa@.service"
SITE = ROOT / "deploy" / "nginx" / "sfa.conf"
pytestmark = pytest.mark.slow


@dataclass
class Stack:
    tmp: Path
    db_url: str
    base: str
    http_port: int
    ca: Path
    ports: dict[str, int]
    procs: dict[str, subprocess.Popen[bytes]]
    route: dict[str, str] = field(default_factory=dict)  # process name → a sfa_route cookie value hashed to it
    aid: int = 0
    manager: services.Actor | None = None

    def https(self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes | None = None) -> http.client.HTTPResponse:
        ctx = ssl.create_default_context(cafile=str(self.ca))
        conn = http.client.HTTPSConnection("127.0.0.1", int(self.base.rsplit(":", 1)[1]), context=ctx, timeout=20)
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        resp.read()
        conn.close()
        return resp

    def failures(self, key: str) -> int:
        db = open_database(self.db_url)
        try:
            with db.read() as s:
                row = s.scalars(select(LoginThrottle).where(LoginThrottle.key == key)).one_or_none()
                return 0 if row is None else int(row.failures)
        finally:
            db.dispose()

    def throttle_keys(self) -> list[str]:
        db = open_database(self.db_url)
        try:
            with db.read() as s:
                return list(s.scalars(select(LoginThrottle.key)))
        finally:
            db.dispose()

    def answers(self) -> dict[str, object]:
        db = open_database(self.db_url)
        try:
            assert self.manager is not None
            return dict(services.get_assessment(db, self.manager, self.aid).answers)
        finally:
            db.dispose()


def _pg_tool(name: str) -> str:
    dirs = [Path(os.environ["SFA_PG_BIN"])] if os.environ.get("SFA_PG_BIN") else []
    versions = Path("/usr/lib/postgresql").glob("*/bin")
    dirs += sorted(versions, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0, reverse=True)
    for d in dirs:
        if (d / name).exists():
            return str(d / name)
    return shutil.which(name) or name


def _libpq(url: str) -> str:
    """A SQLAlchemy URL as libpq (pg_dump, pg_restore) reads it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _unit_command(port: int) -> list[str]:
    """ExecStart of the systemd unit, for this checkout and port."""
    line = next(x for x in UNIT.read_text(encoding="utf-8").splitlines() if x.startswith("ExecStart="))
    words = line.removeprefix("ExecStart=").split()
    assert words[0].endswith("/bin/sfa") and words[1] == "serve" and "%i" in words, line
    return [sys.executable, "-m", "assessment.cli", *[w.replace("%i", str(port)) for w in words[1:]]]


def _site_config(tmp: Path, https_port: int, http_port: int, ports: dict[str, int], crt: Path, key: Path) -> str:
    """deploy/nginx/sfa.conf with the "# site:" values replaced for loopback."""
    conf = SITE.read_text(encoding="utf-8")
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;\n" for p in ports.values())
    conf, n = re.subn(r"(?m)^    server 127\.0\.0\.1:\d+ .*\n", "", conf)
    assert n >= 2
    conf = conf.replace("    keepalive 16;", servers + "    keepalive 16;")
    conf = re.sub(r"(?m)^    listen \[::\]:\d+.*\n", "", conf)
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    conf = conf.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    conf = conf.replace("/etc/ssl/certs/sfa.crt", str(crt)).replace("/etc/ssl/private/sfa.key", str(key))
    conf = conf.replace("/var/log/nginx/", f"{tmp}/")
    conf = conf.replace("# add_header X-SFA-Upstream", "add_header X-SFA-Upstream")
    for must in (str(crt), f"127.0.0.1:{https_port}", "add_header X-SFA-Upstream", *(f":{p} " for p in ports.values())):
        assert must in conf, must
    return conf


def _nginx_main(tmp: Path, site: Path) -> str:
    temps = "\n".join(f"    {k}_temp_path {tmp}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}worker_processes 1;\npid {tmp}/nginx.pid;\nerror_log {tmp}/nginx-error.log;\ndaemon off;\n"
        f"events {{ worker_connections 256; }}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n{temps}\n    access_log off;\n    include {site};\n}}\n"
    )


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    need(bool(PG_URL), "SFA_TEST_POSTGRES_URL not set (source .ci/postgres.sh)")
    need(Path(NGINX).exists(), "nginx is not installed (.ci/run installs it)")
    need(Path(OPENSSL).exists(), "openssl is not installed (.ci/run installs it)")
    need(Path(CHROMIUM).exists(), "Debian chromium is not installed (.ci/run installs it)")
    tmp = tmp_path_factory.mktemp("deploy")
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"sfa_deploy_{uuid.uuid4().hex[:10]}"
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    db_url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    procs: dict[str, subprocess.Popen[bytes]] = {}
    nginx: subprocess.Popen[bytes] | None = None
    try:
        env = {**os.environ, "SFA_DATABASE_URL": db_url, "SFA_DATA_DIR": str(tmp / "data"), "SFA_COOKIE_SECRET": uuid.uuid4().hex}
        env["SFA_CACHE_DIR"] = shared_cache()
        up = subprocess.run([sys.executable, "-m", "assessment.cli", "db", "upgrade"], env=env, capture_output=True, text=True, timeout=60)
        assert up.returncode == 0, up.stderr

        db = open_database(db_url)
        system = services.Actor.system("deploy-test")
        org = services.create_organisation(
            db, system, name="德阳市旌阳重装有限公司", credit_code="91510600MA62Q3DX0W", region_code="510603",
            industry_code="34", size_class="large", production_type="discrete",
        )  # fmt: skip
        for user in ("manager", "victim", "clerk"):
            services.create_user(db, system, username=user, password=PASSWORD, role="enterprise", organisation_id=org.id)
        manager = services.authenticate(db, "manager", PASSWORD)
        aid = services.start_assessment(db, manager, org.id, "smart_factory").summary.id
        db.dispose()

        ports = {"A": free_port(), "B": free_port()}
        for proc_name, port in ports.items():
            with (tmp / f"app-{proc_name}.log").open("wb") as log:
                procs[proc_name] = subprocess.Popen(_unit_command(port), cwd=tmp, env=env, stdout=log, stderr=log)

        crt, key = tmp / "sfa.crt", tmp / "sfa.key"
        subprocess.run(
            [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(crt)],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        https_port, http_port = free_port(), free_port()
        site = tmp / "sfa.conf"
        site.write_text(_site_config(tmp, https_port, http_port, ports, crt, key), encoding="utf-8")
        main = tmp / "nginx.conf"
        main.write_text(_nginx_main(tmp, site), encoding="utf-8")
        nginx_cmd = [NGINX, "-p", str(tmp), "-e", str(tmp / "nginx-error.log"), "-c", str(main)]
        check = subprocess.run([*nginx_cmd, "-t"], capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, check.stderr
        nginx = subprocess.Popen(nginx_cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_listening(https_port, 20, nginx)
        for proc_name, port in ports.items():
            wait_listening(port, 90, procs[proc_name])

        st = Stack(tmp, db_url, f"https://127.0.0.1:{https_port}", http_port, crt, ports, procs, aid=aid, manager=manager)
        by_addr = {f"127.0.0.1:{p}": n for n, p in ports.items()}
        for i in range(64):  # find a routing cookie for each process (bounded)
            got = st.https("GET", "/_stcore/health", {"Cookie": f"sfa_route=probe{i}"}).getheader("X-SFA-Upstream", "")
            st.route.setdefault(by_addr[got], f"probe{i}")
            if len(st.route) == len(ports):
                break
        assert set(st.route) == set(ports), st.route
        yield st
    finally:
        if nginx is not None:
            _stop(nginx)
        for proc in procs.values():
            _stop(proc)
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_proxy__security_headers_sticky_cookie_redirect_and_body_limit(stack: Stack) -> None:
    first = stack.https("GET", "/")
    assert first.status == 200
    assert first.getheader("X-Frame-Options") == "DENY"
    assert first.getheader("X-Content-Type-Options") == "nosniff"
    csp = first.getheader("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert first.getheader("Strict-Transport-Security", "").startswith("max-age=")
    cookie = first.getheader("Set-Cookie", "")
    assert re.match(r"sfa_route=[0-9a-f]{32}; Path=/; Secure; HttpOnly; SameSite=Lax$", cookie), cookie
    again = stack.https("GET", "/", {"Cookie": cookie.split(";")[0]})
    assert again.getheader("Set-Cookie") is None
    assert again.getheader("X-SFA-Upstream") == stack.https("GET", "/", {"Cookie": cookie.split(";")[0]}).getheader("X-SFA-Upstream")

    plain = http.client.HTTPConnection("127.0.0.1", stack.http_port, timeout=10)
    plain.request("GET", "/questionnaire?a=1")
    redirect = plain.getresponse()
    assert redirect.status == 301 and redirect.getheader("Location", "").startswith("https://127.0.0.1")
    plain.close()

    big = stack.https("PUT", "/_stcore/upload_file/s/f", {"Content-Type": "application/octet-stream"}, b"x" * (12 * 1024 * 1024))
    assert big.status == 413
    assert big.getheader("X-Frame-Options") == "DENY" and big.getheader("Content-Security-Policy")


def _answer_radios(page, first: int, count: int) -> None:  # type: ignore[no-untyped-def]
    radios = page.locator("[data-testid='stMain'] [data-testid='stRadio']")
    for i in range(first, first + count):
        radios.nth(i).locator("label[data-testid='stRadioOption']").last.click()
        settle(page)


def _expect_radios_checked(page, count: int) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    radios = page.locator("[data-testid='stMain'] [data-testid='stRadio']")
    for i in range(count):
        expect(radios.nth(i).get_by_role("radio").last).to_be_checked(timeout=10000)


def _wait_for(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError(f"not within {seconds} s: {what}")


def test_browser__answers_saved_in_A_served_by_B__throttle_shared__killing_a_process_loses_nothing(stack: Stack) -> None:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    urls: list[str] = []
    blocked: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        context = browser.new_context(ignore_https_errors=True, viewport={"width": 1400, "height": 1000})
        context.on("request", lambda r: urls.append(r.url))

        def go(process: str):  # type: ignore[no-untyped-def]
            """Route this browser to one process, reload, and check who answered."""
            context.clear_cookies()
            context.add_cookies([{"name": "sfa_route", "value": stack.route[process], "url": stack.base, "secure": True}])
            resp = page.reload() if page.url.startswith(stack.base) else page.goto(stack.base + f"/questionnaire?a={stack.aid}")
            assert resp is not None and resp.header_value("x-sfa-upstream") == f"127.0.0.1:{stack.ports[process]}"

        page = context.new_page()
        page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)

        # sign-in throttling: five wrong passwords in process A, then the right one in B is refused
        go("A")
        for attempt in range(1, services.security.FREE_ATTEMPTS + 1):
            sign_in(page, "victim", "not the password at all")
            _wait_for(lambda n=attempt: stack.failures("pair:victim|ip:127.0.0.1") == n, 20, f"failed sign-in {attempt} counted")
            settle(page)
        page.wait_for_selector("text=用户名或密码错误", timeout=20000)
        go("B")
        sign_in(page, "victim", PASSWORD)
        page.wait_for_selector("text=登录失败次数过多", timeout=20000)
        page.screenshot(path=SHOTS / "deploy_throttled_B.png", animations="disabled")
        keys = stack.throttle_keys()
        assert stack.failures("client:ip:127.0.0.1") >= services.security.FREE_ATTEMPTS, keys  # nginx's X-Real-IP reached the app

        # a password change (by the operator's `sfa user passwd`) ends the account's sessions in both processes
        sessions = {}
        for process in ("A", "B"):
            other = browser.new_context(ignore_https_errors=True, viewport={"width": 1400, "height": 1000})
            other.on("request", lambda r: urls.append(r.url))
            other.add_cookies([{"name": "sfa_route", "value": stack.route[process], "url": stack.base, "secure": True}])
            sessions[process] = other.new_page()
            sessions[process].goto(stack.base)
            sign_in(sessions[process], "clerk", PASSWORD)
            sessions[process].wait_for_selector("text=评估记录", timeout=30000)
        passwd = subprocess.run(
            [sys.executable, "-m", "assessment.cli", "user", "passwd", "clerk", "--password-stdin"],
            input="a new password for the clerk 8\n", env={**os.environ, "SFA_DATABASE_URL": stack.db_url},
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert passwd.returncode == 0, passwd.stderr
        for process, other_page in sessions.items():
            other_page.get_by_role("button", name="继续填写").first.click()
            other_page.wait_for_selector("text=登录已失效", timeout=20000)
            other_page.screenshot(path=SHOTS / f"deploy_session_ended_{process}.png", animations="disabled")
            other_page.context.close()

        # answers saved through process A ...
        go("A")
        sign_in(page, "manager", PASSWORD)
        page.wait_for_selector("[data-testid='stRadio']", timeout=30000)
        settle(page)
        _answer_radios(page, 0, 3)
        _wait_for(lambda: len(stack.answers()) >= 3, 20, "three answers saved through process A")
        page.screenshot(path=SHOTS / "deploy_saved_A.png", animations="disabled")

        # ... are served by process B after a reload (a new session: sign in again)
        go("B")
        sign_in(page, "manager", PASSWORD)
        page.wait_for_selector("[data-testid='stRadio']", timeout=30000)
        settle(page)
        _expect_radios_checked(page, 3)
        page.screenshot(path=SHOTS / "deploy_served_B.png", animations="disabled")

        # kill the process this session is in, right after two more saves
        _answer_radios(page, 3, 2)
        _wait_for(lambda: len(stack.answers()) >= 5, 20, "five answers saved through process B")
        saved = stack.answers()
        stack.procs["B"].send_signal(signal.SIGKILL)
        stack.procs["B"].wait(timeout=10)
        resp = page.reload()
        tried = (resp.header_value("x-sfa-upstream") or "") if resp is not None else ""
        assert tried.split(", ")[-1] == f"127.0.0.1:{stack.ports['A']}", tried  # nginx passed on to the live process
        sign_in(page, "manager", PASSWORD)
        page.wait_for_selector("[data-testid='stRadio']", timeout=30000)
        settle(page)
        _expect_radios_checked(page, 5)
        _answer_radios(page, 5, 1)
        _wait_for(lambda: len(stack.answers()) >= 6, 20, "the session goes on in process A")
        page.screenshot(path=SHOTS / "deploy_after_kill_A.png", animations="disabled")
        page.get_by_role("link", name="评估结果").click()  # charts too render under the CSP
        page.wait_for_selector("text=能力等级", timeout=30000)
        page.wait_for_selector("[data-testid='stVegaLiteChart'], .vega-embed", timeout=30000)
        settle(page)
        page.screenshot(path=SHOTS / "deploy_result_A.png", animations="disabled")
        browser.close()

    after = stack.answers()
    assert {k: after.get(k) for k in saved} == saved, "an answer saved before the kill was lost"
    outside = [u for u in urls if not u.startswith((stack.base + "/", "data:", "blob:"))]
    assert outside == [], f"requests that left the machine: {outside}"
    assert blocked == [], f"the Content-Security-Policy blocked: {blocked}"


def test_backup__pg_dump_restored_into_a_new_database_keeps_every_answer(stack: Stack) -> None:
    dump = stack.tmp / "sfa.dump"
    subprocess.run([_pg_tool("pg_dump"), "--format=custom", f"--file={dump}", _libpq(stack.db_url)], check=True, timeout=60)
    restored = f"{make_url(stack.db_url).database}_restored"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{restored}"'))
    try:
        url = make_url(stack.db_url).set(database=restored).render_as_string(hide_password=False)
        subprocess.run([_pg_tool("pg_restore"), "--no-owner", f"--dbname={_libpq(url)}", str(dump)], check=True, timeout=60)
        db = open_database(url)
        try:
            assert stack.manager is not None
            copy = dict(services.get_assessment(db, stack.manager, stack.aid).answers)
        finally:
            db.dispose()
        assert copy == stack.answers() and len(copy) >= 1
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)'))
        admin.dispose()
