"""The administrator's page, piece by piece: accounts, organisations, consultant↔client links.

Each piece draws its widgets and makes one service call; the services check that the caller
is an administrator. Every change is confirmed with a message naming what was done (kept
across the rerun by :func:`state.flash`); disabling an account asks for a tick first.
Regions (GB/T 2260) and industries (GB/T 4754) are chosen by name, not typed as codes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import streamlit as st

from assessment import refdata, services

from . import state
from .i18n import t
from .text import plain, tx

SIZES = ("large", "medium", "small", "micro")
PTYPES = ("discrete", "process", "mixed")


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    ref = refdata.load()
    return {c: ref.region_name(c) for c in sorted({*ref.provinces, *ref.prefectures, *ref.counties})}


def _industries(lang: str) -> dict[str, str]:
    ref = refdata.load()
    return {c: (e.name if lang != "en" or not e.en else e.en) for c, e in sorted(ref.industries.items())}


def _done(fn: Callable[..., Any], *args: Any) -> bool:
    """Run a service call that returns nothing; True when it was done (a refusal is shown)."""
    return state.call(lambda db, actor: fn(db, actor, *args) or True) is True


def _region_label(code: str | None) -> str:
    return "—" if code is None else f"{code} {_regions().get(code, '')}"


def accounts(lang: str, orgs: list[services.OrgInfo]) -> list[services.UserInfo]:
    users = state.call(services.list_users) or []
    names = {o.id: o.name for o in orgs}
    st.subheader(t("admin.accounts", lang))
    st.dataframe(
        [
            {
                t("login.username", lang): plain(u.username),
                t("render.display_name", lang): plain(u.display_name),
                t("admin.role", lang): t("role." + u.role, lang),
                t("admin.organisation", lang): plain(names.get(u.organisation_id, "—")) if u.organisation_id else "—",
                t("admin.jurisdiction", lang): _region_label(u.jurisdiction) if u.jurisdiction else "—",
                t("admin.state", lang): t("admin.active" if u.active else "admin.inactive", lang),
            }
            for u in users
        ],
        hide_index=True,
        width="stretch",
    )
    return users


def create_account(lang: str, orgs: list[services.OrgInfo]) -> None:
    names = {o.id: o.name for o in orgs}
    regions = _regions()
    with st.form("users.create", clear_on_submit=False):
        st.markdown(f"**{t('admin.create_account', lang)}**")
        username = st.text_input(t("login.username", lang), max_chars=64, key="users.username", help=t("admin.username_help", lang))
        password = st.text_input(t("login.password", lang), type="password", max_chars=256, key="users.password")
        role = st.selectbox(t("admin.role", lang), list(services.ROLES), format_func=lambda r: t("role." + r, lang), key="users.role")
        org = st.selectbox(
            t("admin.organisation_for", lang),
            [None, *names],
            format_func=lambda i: t("admin.none", lang) if i is None else plain(names[i]),
            key="users.org",
        )
        jurisdiction = st.selectbox(
            t("admin.jurisdiction_for", lang),
            [None, *regions],
            format_func=lambda c: t("admin.none", lang) if c is None else f"{c} {regions[c]}",
            key="users.jurisdiction",
        )
        if st.form_submit_button(t("admin.create_account_button", lang), type="primary"):
            created = state.call(
                services.create_user,
                username=username.strip(),
                password=password,
                role=role,
                organisation_id=org if role == "enterprise" else None,
                jurisdiction=jurisdiction if role == "bureau" else None,
            )
            if created is not None:
                if role == "consultant" and org is not None:
                    state.call(services.link_consultant, created.username, org)
                state.flash(tx("admin.account_created", lang, name=created.username, role=t("role." + created.role, lang)))
                st.rerun()


def account_actions(lang: str, users: list[services.UserInfo]) -> None:
    if not users:
        return
    st.markdown(f"**{t('admin.manage_account', lang)}**")
    by_name = {u.username: u for u in users}
    name = st.selectbox(
        t("admin.pick_account", lang),
        list(by_name),
        format_func=lambda n: (
            f"{plain(n)}（{t('role.' + by_name[n].role, lang)}）" if lang != "en" else f"{plain(n)} ({t('role.' + by_name[n].role, lang)})"
        ),
        key="users.pick",
    )
    user = by_name[name]
    left, right = st.columns(2)
    with left:
        if user.active:
            sure = st.checkbox(tx("admin.confirm_disable", lang, name=name), key="users.confirm_disable")
            if st.button(t("admin.disable", lang), key="users.disable", disabled=not sure, icon=":material/block:"):
                if state.call(services.disable_user, name) is not None:
                    state.flash(tx("admin.disabled", lang, name=name))
                    st.rerun()
        elif st.button(t("admin.enable", lang), key="users.enable", icon=":material/check_circle:"):
            if state.call(services.enable_user, name) is not None:
                state.flash(tx("admin.enabled", lang, name=name))
                st.rerun()
    with right, st.form("users.reset"):
        new = st.text_input(t("admin.new_password", lang), type="password", max_chars=256, key="users.new_password")
        again = st.text_input(t("setup.password2", lang), type="password", max_chars=256, key="users.new_password2")
        if st.form_submit_button(t("admin.reset_password", lang)):
            if new != again:
                st.error(t("setup.mismatch", lang))
            else:
                if _done(services.set_password, name, new):
                    state.flash(tx("admin.password_reset", lang, name=name))
                    st.rerun()


def organisations(lang: str, orgs: list[services.OrgInfo]) -> None:
    st.subheader(t("admin.organisations", lang))
    industries = _industries(lang)
    if orgs:
        st.dataframe(
            [
                {
                    t("org.name", lang): plain(o.name),
                    t("org.credit_code", lang): o.credit_code,
                    t("org.region", lang): _region_label(o.region_code),
                    t("org.industry", lang): f"{o.industry_code} {industries.get(o.industry_code[:2], '')}",
                    t("org.size", lang): t("size." + o.size_class, lang),
                    t("org.production_type", lang): t("ptype." + o.production_type, lang),
                }
                for o in orgs
            ],
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption(t("admin.no_orgs", lang))
    regions = _regions()
    with st.form("users.org"):
        st.markdown(f"**{t('org.create', lang)}**")
        name = st.text_input(t("org.name", lang), max_chars=200, key="users.org_name")
        code = st.text_input(t("org.credit_code", lang), max_chars=18, key="users.org_code", help=t("admin.credit_code_help", lang))
        region = st.selectbox(t("org.region", lang), list(regions), format_func=lambda c: f"{c} {regions[c]}", key="users.org_region")
        industry = st.selectbox(
            t("org.industry", lang), list(industries), format_func=lambda c: f"{c} {industries[c]}", key="users.org_industry"
        )
        size = st.selectbox(t("org.size", lang), SIZES, format_func=lambda s: t("size." + s, lang), key="users.org_size")
        ptype = st.selectbox(t("org.production_type", lang), PTYPES, format_func=lambda s: t("ptype." + s, lang), key="users.org_ptype")
        if st.form_submit_button(t("admin.register_org", lang), type="primary"):
            created = state.call(
                services.create_organisation,
                name=name,
                credit_code=code,
                region_code=region,
                industry_code=industry,
                size_class=size,
                production_type=ptype,
            )
            if created is not None:
                state.flash(tx("admin.org_created", lang, name=created.name))
                st.rerun()


def links(lang: str, users: list[services.UserInfo], orgs: list[services.OrgInfo]) -> None:
    st.subheader(t("admin.links", lang))
    existing = state.call(services.list_links) or []
    if existing:
        st.dataframe(
            [{t("role.consultant", lang): plain(x.consultant), t("admin.client", lang): plain(x.organisation_name)} for x in existing],
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption(t("admin.no_links", lang))
    consultants = [u.username for u in users if u.role == "consultant" and u.active]
    if not consultants or not orgs:
        st.caption(t("admin.links_need", lang))
        return
    names = {o.id: o.name for o in orgs}
    with st.form("users.link"):
        who = st.selectbox(t("role.consultant", lang), consultants, format_func=plain, key="users.link_consultant")
        clients = st.multiselect(
            t("admin.clients", lang),
            list(names),
            format_func=lambda i: plain(names[i]),
            key="users.link_orgs",
            placeholder=t("admin.pick", lang),
            select_all=lang == "en",
        )
        if st.form_submit_button(t("admin.link", lang), type="primary") and clients:
            done = [names[o] for o in clients if _done(services.link_consultant, who, o)]
            if done:
                state.flash(tx("admin.linked", lang, name=who, clients="、".join(done)))
                st.rerun()
    if existing:
        pairs = {f"{x.consultant}|{x.organisation_id}": x for x in existing}
        pick = st.selectbox(
            t("admin.unlink_pick", lang),
            list(pairs),
            format_func=lambda k: plain(f"{pairs[k].consultant} — {pairs[k].organisation_name}"),
            key="users.unlink_pick",
        )
        if st.button(t("admin.unlink", lang), key="users.unlink", icon=":material/link_off:"):
            x = pairs[pick]
            if _done(services.unlink_consultant, x.consultant, x.organisation_id):
                state.flash(tx("admin.unlinked", lang, name=x.consultant, client=x.organisation_name))
                st.rerun()
