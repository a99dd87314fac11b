"""Which client is signing in, for the per-client sign-in throttle of the services.

Behind the reverse proxy every connection comes from nginx, so the connection's own address
says nothing; ``deploy/nginx/sfa.conf`` passes the browser's address in ``X-Real-IP``. The
app processes listen on loopback only (``sfa serve``), so only the proxy can set that header.
Without a usable address (local development) all browsers share the key ``web``.
"""

from __future__ import annotations

import ipaddress

import streamlit as st


def key_for(real_ip: str | None, connection_ip: str | None) -> str:
    """The throttle key for a forwarded address and the connection's address.

    >>> key_for("203.0.113.7", "127.0.0.1")
    'web:203.0.113.7'
    >>> key_for("not an address", None)
    'web'
    """
    for candidate in (real_ip, connection_ip):
        try:
            return f"web:{ipaddress.ip_address((candidate or '').strip())}"
        except ValueError:
            continue
    return "web"


def client_key() -> str:
    """The throttle key of the current browser session."""
    try:
        real = st.context.headers.get("X-Real-IP")
        ip = st.context.ip_address
    except (AttributeError, RuntimeError):  # no browser session (e.g. a bare script run)
        return "web"
    return key_for(real, ip)
