"""Session helpers: the database, the signed-in actor, the language, and service calls.

Nothing here decides what a user may do: every call goes through ``assessment.services``,
which checks permissions itself. The UI keeps only the actor, the language and the chosen
assessment in ``st.session_state`` (page-specific keys are prefixed with the page name).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from assessment import services
from assessment.engine.base import Lang
from assessment.storage import Database
from assessment.storage.database import make_engine
from assessment.storage.migrate import ensure_schema
from assessment.storage.repositories import valid_id

from . import client
from .i18n import t
from .text import tx

T = TypeVar("T")
ACTOR = "actor"
LANG = "lang"
CURRENT = "current_assessment"


def database() -> Database:
    """One database handle per server process and database URL (SFA_DATABASE_URL or the
    SQLite default under SFA_DATA_DIR)."""
    return _database(os.environ.get("SFA_DATABASE_URL", ""), os.environ.get("SFA_DATA_DIR", ""))


@st.cache_resource(show_spinner=False)
def _database(url: str, data_dir: str) -> Database:
    engine = make_engine(url or None)
    ensure_schema(engine)
    return Database(engine)


def lang() -> Lang:
    """The user's language: "zh" (default) or "en"."""
    return "en" if st.session_state.get(LANG, "zh") == "en" else "zh"


def language_switch() -> None:
    st.sidebar.segmented_control(
        t("app.language"),
        ["zh", "en"],
        format_func=lambda v: "中文" if v == "zh" else "English",
        key=LANG,
        default="zh",
        selection_mode="single",
    )


def actor() -> services.Actor | None:
    a = st.session_state.get(ACTOR)
    return a if isinstance(a, services.Actor) else None


def check_session() -> None:
    """End this session if its account was disabled or its password was reset or changed
    elsewhere since it signed in (one indexed read per page run)."""
    a = actor()
    if a is None:
        return
    try:
        services.current_actor(database(), a)
    except services.NotAuthenticated:
        sign_out()
        flash_error(t("err.session", lang()))


FLASH_ERROR = "flash_error"


def flash_error(message: str) -> None:
    """An error to show once on the next sign-in page (it survives the sign-out)."""
    st.session_state[FLASH_ERROR] = message


def client_id() -> str:
    """Who is knocking, for sign-in throttling: the client's address, or — when Streamlit
    reports none (a connection from this machine or through a local proxy) — this browser
    session. Never one key for everybody. Behind the reverse proxy, the address it forwards."""
    ip = client.forwarded_address() or st.context.ip_address
    if isinstance(ip, str) and ip:
        return f"ip:{ip[:64]}"
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return f"session:{ctx.session_id}" if ctx is not None else "session:unknown"


def sign_in(a: services.Actor) -> None:
    st.session_state[ACTOR] = a


def sign_out() -> None:
    for key in list(st.session_state.keys()):
        if key not in (LANG, FLASH_ERROR):
            del st.session_state[key]


def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """Run a service call; show a refusal or validation message instead of a traceback."""
    try:
        return fn(database(), require_actor(), *args, **kwargs)
    except services.NotAuthenticated:
        sign_out()
        st.error(t("err.session", lang()))
        return None
    except services.AccessRefused:
        st.error(t("err.refused", lang()))
        return None
    except services.ServiceError as exc:
        st.error(tx("err.generic", lang(), message=exc.message(lang())))
        return None


def require_actor() -> services.Actor:
    a = actor()
    if a is None:
        raise services.NotAuthenticated()
    return a


def current_assessment() -> int | None:
    """The assessment being worked on: from the URL (``?a=<id>``) or the session.

    Keeping it in the URL means a browser reload comes back to the same assessment. The id
    is only a pointer: the services refuse it if the user may not see that assessment.
    """
    raw = st.query_params.get("a")
    if raw is not None:
        aid = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 10 else 0
        if not valid_id(aid):  # not a number, or one no row can have: nothing to open
            st.error(t("err.refused", lang()))
            return None
        st.session_state[CURRENT] = aid
        return aid
    remembered = st.session_state.get(CURRENT)
    if isinstance(remembered, int):
        st.query_params["a"] = str(remembered)
        return remembered
    return None


def _latest() -> int | None:
    """The most recently changed assessment the user may see (a consultant: of the current
    client, when one is chosen), remembered as the current one; None when there is none."""
    client = st.session_state.get("consultant.client")
    page = call(services.list_assessments, organisation_id=client if isinstance(client, int) else None, limit=1)
    if page is None or not page.items:
        return None
    aid = page.items[0].id
    st.session_state[CURRENT] = aid
    st.query_params["a"] = str(aid)
    return aid


def build_pdf(db: Database, actor: services.Actor, assessment_id: int, language: str) -> bytes:
    """The PDF report of an assessment, through the service's access checks."""
    return services.pdf_report(db, actor, assessment_id, lang="en" if language == "en" else "zh")


FLASH = "flash"


def flash(message: str) -> None:
    """A success message to show once on the next page run (it survives ``st.rerun``)."""
    st.session_state[FLASH] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message)
    problem = st.session_state.pop(FLASH_ERROR, None)
    if problem:
        st.warning(problem)


def announce_first_start_token() -> Path:
    """Create the first-start token file and say where it is in the server log (once)."""
    return _announce(os.environ.get("SFA_DATA_DIR", ""))


@st.cache_resource(show_spinner=False)
def _announce(data_dir: str) -> Path:
    path = services.first_start_token()
    print(f"首次启动口令 / first-start token: {path.read_text(encoding='utf-8').strip()}  ({path})", file=sys.stderr, flush=True)
    return path


def open_current() -> tuple[int, services.AssessmentView]:
    """The assessment being worked on and what the user may see of it; ends the page run
    with a message when there is none or the services refuse it."""
    aid = current_assessment()
    if aid is None:  # opened from the sidebar with none chosen: the latest one the user may see
        aid = _latest()
    if aid is None:
        st.info(t("q.pick_assessment", lang()))
        st.stop()
    assert aid is not None  # st.stop() ends the run
    view = call(services.get_assessment, aid)
    if view is None:
        st.stop()
    assert view is not None
    return aid, view
