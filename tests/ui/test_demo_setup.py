"""Loading demo data on the first-start page leads straight to sign-in, with the accounts."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessment import services
from assessment.storage import Database

from .conftest import APP
from .test_app_pages import texts


def test_setup__demo_loaded__sign_in_page_names_accounts(empty_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SFA_DEMO", "1")
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.text_input(key="setup.demo_token").input(services.first_start_token().read_text(encoding="utf-8").strip())
    at.button(key="FormSubmitter:setup.demo_form-载入演示数据").click().run()
    assert not at.exception
    page = texts(at)
    assert "演示数据已载入" in page and "demo\\-enterprise" in page and "请用其中一个账号登录" in page
    assert "数据库中还没有任何账号" not in page
    assert at.text_input(key="login.username")
