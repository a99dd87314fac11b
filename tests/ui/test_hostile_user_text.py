"""User text is shown literally on every page, for every role that can see it.

An enterprise that names itself ``[x](https://evil.example)`` must not draw a link on the
bureau's result page. We seed hostile organisation names, an evidence file name, a note, a
text answer, a return reason, a display name and a username, visit every page that shows
them as each role that may see them, and check every string the page sends to the browser:

- where Streamlit renders Markdown (texts, captions, alerts, widget labels, radio and
  segmented-control options, expander and popover labels, progress texts …) every ASCII
  punctuation character of the hostile input is backslash-escaped, no bare address survives
  for GitHub-flavoured Markdown to auto-link, and un-escaping gives back the literal text;
- where Streamlit shows plain text (``st.text``, table cells, selectbox options, input
  values) the text is there as it was typed, bidirectional controls made visible.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe

from app_pages.ui.text import WORD_JOINER, plain
from assessment import services

from .conftest import APP, PASSWORD, World
from .test_text_helper import GFM_AUTOLINK, unescape

HOSTILE = (
    "[x](https://evil.example)",
    "![t](http://evil.example/a.png)",
    "**领航级已认证**",
    "<img src=x onerror=alert(1)>",
    "a\u202eb",
    ":material/verified: :green[已认证]",
)
MAIL_USER = "boss@evil.example"  # a username GFM would auto-link as mailto:
QUESTION = "base.network"  # first question of sme_digital's first part


def hostile(tag: str) -> str:
    return f"{tag} " + " ".join(HOSTILE)


# proto fields Streamlit shows as plain text, and the values of inputs; the rest is Markdown
PLAIN_FIELDS = {("text", "body"), ("selectbox", "options"), ("multiselect", "options")}
INPUT_FIELDS = {("text_area", "default"), ("text_area", "value"), ("text_input", "default"), ("text_input", "value")}
NOT_SHOWN = {"id", "form_id", "key", "type", "icon", "url", "page_script_hash", "column_order", "format"}


@dataclass
class Shown:
    markdown: list[str]
    plain: list[str]
    inputs: list[str]

    def text(self) -> str:
        """What a person reads on the page (Markdown un-escaped, plain text as it is)."""
        return "\n".join([unescape(m).replace(WORD_JOINER, "") for m in self.markdown] + self.plain)


def _strings(msg: Message, kind: str, out: Shown) -> None:
    for field, value in msg.ListFields():
        values = [value] if isinstance(value, (str, bytes, int, float, Message)) else list(value)
        for v in values:
            if isinstance(v, Message):
                _strings(v, kind, out)
            elif isinstance(v, str) and field.name not in NOT_SHOWN:
                if (kind, field.name) in INPUT_FIELDS:
                    out.inputs.append(v)  # the value being edited, as stored
                else:
                    (out.plain if (kind, field.name) in PLAIN_FIELDS else out.markdown).append(v)


def shown(at: AppTest) -> Shown:
    out = Shown([], [], [])
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        if isinstance(node, Dataframe):  # cells are plain text (a canvas grid)
            frame = node.value
            out.plain += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
            continue
        _strings(proto, node.type, out)
    return out


def _loose(fragment: str) -> re.Pattern[str]:
    """``fragment`` as shown, whatever escapes or word joiners were put into it."""
    parts = []
    for ch in plain(fragment):
        parts.append(("\\\\?" + re.escape(ch)) if ch in string.punctuation else re.escape(ch))
    return re.compile(f"{WORD_JOINER}?".join(parts))


def markup_left(span: str) -> list[str]:
    """Punctuation in ``span`` that is not backslash-escaped (so a renderer may act on it)."""
    span, left, i = span.replace(WORD_JOINER, ""), [], 0
    while i < len(span):
        if span[i] == "\\" and i + 1 < len(span) and span[i + 1] in string.punctuation:
            i += 2
            continue
        if span[i] in string.punctuation:
            left.append(span[i])
        i += 1
    return left


def check(at: AppTest, where: str, expected: list[str]) -> None:
    assert not at.exception, f"{where}: {at.exception}"
    page = shown(at)
    for src in page.markdown + page.plain:
        assert "\u202e" not in src, f"{where}: raw U+202E in {src!r}"
    for src in page.markdown:
        for fragment in (*HOSTILE, MAIL_USER):
            for m in _loose(fragment).finditer(src):
                assert not markup_left(m.group()), f"{where}: unescaped {markup_left(m.group())} of {fragment!r} in {src!r}"
                bare = unescape(m.group())
                assert not any(p.search(bare) for p in GFM_AUTOLINK), f"{where}: a bare address GFM would link in {src!r}"
    text = page.text()
    for value in expected:
        assert plain(value) in text or value in page.inputs, f"{where}: {value!r} is not shown literally"


@pytest.fixture
def hostile_world(world: World) -> Iterator[tuple[World, dict[str, str], dict[str, int]]]:
    db, system = world.db, services.Actor.system("tests")
    v = {
        "org_a": hostile("甲"),
        "org_b": hostile("乙"),
        "note": hostile("备注"),
        "answer": hostile("答"),
        "reason": hostile("退回"),
        "display": hostile("显示"),
        "file": hostile("文件").replace("/", "") + ".txt",  # a path separator would cut the name
    }
    services.update_organisation(db, system, world.org_a, name=v["org_a"])
    services.update_organisation(db, system, world.org_b, name=v["org_b"])
    services.create_user(
        db, system, username=MAIL_USER, password=PASSWORD, role="enterprise", organisation_id=world.org_a, display_name=v["display"]
    )
    boss = services.authenticate(db, MAIL_USER, PASSWORD)
    v["display"] = next(u.display_name for u in services.list_users(db, system) if u.username == MAIL_USER)  # cut to 100
    services.add_note(db, boss, world.draft_a, QUESTION, v["note"])
    info = services.add_evidence(db, boss, world.draft_a, QUESTION, v["file"], b"evidence\n")
    v["file"] = info.filename
    sf = services.start_assessment(db, boss, world.org_a, "smart_factory").summary.id
    services.save_answers(db, boss, sf, {"cmmm.level": "l1", "cmmm.report": v["answer"][:200]})
    v["answer"] = v["answer"][:200]
    services.return_assessment(db, world.actor("bureau-my"), world.submitted_b, v["reason"])
    yield world, v, {"draft_a": world.draft_a, "sf": sf, "returned_b": world.submitted_b}


def visit(actor: services.Actor, page: str, assessment: int | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["actor"] = actor
    at.session_state["lang"] = "zh"
    if assessment is not None:
        at.session_state["current_assessment"] = assessment
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    return at


def test_hostile_user_text__every_page_every_role__shown_literally(hostile_world: tuple[World, dict[str, str], dict[str, int]]) -> None:
    world, v, ids = hostile_world
    boss = world.actor(MAIL_USER)
    consultant, bureau, admin, ent_b = (world.actor(u) for u in ("consultant", "bureau-my", "admin", "ent-b"))
    visits = [
        # (who, page, assessment, what must be shown literally)
        (boss, "assessments", None, [v["org_a"], MAIL_USER]),
        (boss, "questionnaire", ids["draft_a"], [v["org_a"], v["note"], v["file"]]),
        (boss, "questionnaire", ids["sf"], [v["org_a"], v["answer"]]),
        (boss, "result", ids["draft_a"], [v["org_a"]]),
        (boss, "profile", None, [v["org_a"]]),
        (ent_b, "questionnaire", ids["returned_b"], [v["org_b"], v["reason"]]),
        (ent_b, "result", ids["returned_b"], [v["org_b"], v["reason"]]),
        (consultant, "clients", None, [v["org_a"]]),
        (consultant, "assessments", None, [v["org_a"]]),
        (consultant, "questionnaire", ids["draft_a"], [v["org_a"], v["note"], v["file"]]),
        (consultant, "result", ids["draft_a"], [v["org_a"]]),
        (bureau, "", None, [v["org_b"]]),  # submissions is the bureau's first page
        (bureau, "result", ids["returned_b"], [v["org_b"], v["reason"]]),
        (admin, "", None, [v["display"], v["org_a"], v["org_b"], MAIL_USER]),  # accounts
    ]
    failures = []
    for who, page, aid, expected in visits:
        try:
            check(visit(who, page, aid), f"{who.username} › {page or 'home'} › {aid}", expected)
        except AssertionError as exc:
            failures.append(str(exc).splitlines()[0])
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("script", "value", "message"),
    [
        *[(f"st.title('结果 · ' + {h!r})", h, "unescaped|U\\+202E") for h in HOSTILE],
        ("st.caption(r'用户 boss\\@evil\\.example')", MAIL_USER, "bare address"),  # escaped, still auto-linked
        (f"st.dataframe([{{'企业': {HOSTILE[4]!r}}}])", HOSTILE[4], "U\\+202E"),
        ("st.text('改名了')", HOSTILE[2], "not shown literally"),
    ],
    ids=[*(f"markdown-{n}" for n in range(len(HOSTILE))), "autolink", "bidi-cell", "missing"],
)
def test_check__page_that_shows_user_text_raw__is_caught(script: str, value: str, message: str) -> None:
    """The check above can fail: pages that put user text into Markdown as it is, or not at all."""
    at = AppTest.from_string("import streamlit as st\n" + script).run()
    with pytest.raises(AssertionError, match=message):
        check(at, "raw", [value])
