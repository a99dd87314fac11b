"""The sign-in throttle's client key comes from the address nginx forwards (X-Real-IP)."""

from __future__ import annotations

import pytest

from app_pages.ui.client import key_for


@pytest.mark.parametrize(
    ("real_ip", "connection_ip", "key"),
    [
        ("203.0.113.7", "127.0.0.1", "web:203.0.113.7"),
        (" 2001:db8::1 ", None, "web:2001:db8::1"),
        (None, "198.51.100.2", "web:198.51.100.2"),
        ("203.0.113.7, 10.0.0.1", "127.0.0.1", "web:127.0.0.1"),
        ("<script>", None, "web"),
        (None, None, "web"),
    ],
)
def test_client_key__forwarded_address_first_then_connection_then_shared(real_ip: str | None, connection_ip: str | None, key: str) -> None:
    assert key_for(real_ip, connection_ip) == key
