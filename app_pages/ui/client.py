"""The browser's address behind the reverse proxy, for the sign-in throttle.

Behind nginx every connection to an app process comes from the proxy on loopback, for
which Streamlit reports no address at all; ``deploy/nginx/sfa.conf`` passes the browser's
address in ``X-Real-IP``. The app processes listen on loopback only (``sfa serve``), so only
the proxy (or someone already on this machine) can set that header. Without it the throttle
would fall back to the browser session, which a reload renews.
"""

from __future__ import annotations

import ipaddress

import streamlit as st


def parse_address(value: str | None) -> str | None:
    """A forwarded address in canonical form, or None when it is not one address.

    >>> parse_address(" 2001:DB8::1 ")
    '2001:db8::1'
    >>> parse_address("203.0.113.7, 10.0.0.1") is None
    True
    """
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def forwarded_address() -> str | None:
    """The ``X-Real-IP`` the proxy set on this session's connection, if any."""
    try:
        return parse_address(st.context.headers.get("X-Real-IP"))
    except (AttributeError, RuntimeError):  # no browser session (e.g. a bare script run)
        return None
