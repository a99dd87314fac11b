"""The consultant's current client: chosen on 客户企业, carried to every page, shown in the sidebar.

Streamlit forgets a widget's value as soon as a page without that widget runs, so the choice
is kept under a plain session key (:data:`CLIENT`) that the pickers write through their
``on_change`` callbacks. The id is only a pointer: every page still asks the services, which
refuse an organisation the consultant is not linked to.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from assessment import services

from .text import tx

CLIENT = "consultant.client"
CLIENT_NAME = "consultant.client_name"


def current(orgs: Sequence[services.OrgInfo]) -> services.OrgInfo | None:
    """The chosen client among ``orgs`` (those the services list), else the first one."""
    if not orgs:
        return None
    chosen = st.session_state.get(CLIENT)
    org = next((o for o in orgs if o.id == chosen), orgs[0])
    remember(org)
    return org


def remember(org: services.OrgInfo) -> None:
    st.session_state[CLIENT] = org.id
    st.session_state[CLIENT_NAME] = org.name


def picked(widget_key: str, orgs: Sequence[services.OrgInfo]) -> None:
    """``on_change`` callback of a client picker: keep its choice for the other pages."""
    chosen = st.session_state.get(widget_key)
    org = next((o for o in orgs if o.id == chosen), None)
    if org is not None:
        remember(org)


def sidebar_line(lang: str) -> None:
    """「当前客户：…」 in the sidebar of every page, once a client is chosen."""
    name = st.session_state.get(CLIENT_NAME)
    if name:
        st.sidebar.markdown(tx("client.current", lang, name=name))
