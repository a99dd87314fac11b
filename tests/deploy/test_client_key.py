"""The sign-in throttle's client is the address nginx forwards in X-Real-IP, when it is one."""

from __future__ import annotations

import pytest

from app_pages.ui.client import parse_address


@pytest.mark.parametrize(
    ("value", "address"),
    [
        ("203.0.113.7", "203.0.113.7"),
        (" 2001:DB8::1 ", "2001:db8::1"),
        ("203.0.113.7, 10.0.0.1", None),
        ("<script>", None),
        ("", None),
        (None, None),
    ],
)
def test_forwarded_address__one_valid_address_or_none(value: str | None, address: str | None) -> None:
    assert parse_address(value) == address
