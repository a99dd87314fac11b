"""The bureau's filters: in the sidebar, and in the URL so a view can be shared or reloaded.

Widgets are seeded from the URL's query parameters (``?q=…&region=…&industry=…``) and write
their values back to it. The choices are names — regions from GB/T 2260, industries from
GB/T 4754 — never bare codes; whatever a URL says, the service checks the region against the
user's jurisdiction.
"""

from __future__ import annotations

import streamlit as st

from app_pages.ui import state
from app_pages.ui.i18n import t
from assessment import load_questionnaire
from assessment.engine.base import Lang
from assessment.refdata import jurisdiction_prefix, load
from assessment.services import bureau
from assessment.storage.tables import STATUSES

PARAMS = {
    "q": "questionnaire",
    "region": "region",
    "industry": "industry",
    "size": "size",
    "type": "production_type",
    "status": "status",
    "period": "period",
}
KEY = "bureau.f."


def _seed(key: str, value: str | None, options: list[str]) -> None:
    """Set a widget's value from the URL once (when the URL differs from what it shows)."""
    if (
        value is not None
        and value in options
        and st.session_state.get(KEY + key) != value
        and not st.session_state.get(KEY + "seeded." + key)
    ):
        st.session_state[KEY + key] = value
    st.session_state[KEY + "seeded." + key] = True


def _select(label: str, key: str, options: list[str], names: dict[str, str], url: str | None) -> str:
    opts = ["", *options]
    _seed(key, url, opts)
    if st.session_state.get(KEY + key) not in opts:
        st.session_state[KEY + key] = ""
    lang = state.lang()
    value: str = st.sidebar.selectbox(label, opts, format_func=lambda v: names.get(v, v) if v else t("bureau.f.all", lang), key=KEY + key)
    return value


def filters(lang: Lang) -> bureau.Filters | None:
    """The filters of the view (None, after a message, when there is nothing to show)."""
    actor = state.require_actor()
    qs = state.call(bureau.questionnaires)
    if not qs:
        if qs is not None:
            st.info(t("bureau.no_data", lang))
        return None
    params = st.query_params
    ref = load()
    st.sidebar.subheader(t("bureau.filters", lang))
    refs = [r for r, _ in qs]
    counts = dict(qs)

    def q_name(r: str) -> str:
        return f"{load_questionnaire(r).title.get(lang)} @{r.partition('@')[2]}（{counts[r]}）"

    _seed("q", params.get("q"), refs)
    if st.session_state.get(KEY + "q") not in refs:
        st.session_state[KEY + "q"] = max(qs, key=lambda r: r[1])[0]  # the version most enterprises answered
    questionnaire: str = st.sidebar.selectbox(t("bureau.f.questionnaire", lang), refs, format_func=q_name, key=KEY + "q")
    jurisdiction = actor.jurisdiction or ""
    prefix = jurisdiction_prefix(jurisdiction) if jurisdiction else ""
    url_region = params.get("region")
    region = None
    if len(prefix) == 2:
        cities = bureau.region_choices(jurisdiction)
        city = _select(
            t("bureau.f.city", lang),
            "city",
            cities,
            {c: ref.prefectures[c].name for c in cities},
            (url_region or "")[:4] + "00" if url_region else None,
        )
        region = city or None
        if city:
            counties = bureau.region_choices(city)
            county = _select(t("bureau.f.county", lang), "county", counties, {c: ref.counties[c].name for c in counties}, url_region)
            region = county or city
    elif len(prefix) == 4:
        counties = bureau.region_choices(jurisdiction)
        county = _select(t("bureau.f.county", lang), "county", counties, {c: ref.counties[c].name for c in counties}, url_region)
        region = county or None
    industries = sorted(ref.industries)
    industry = _select(
        t("bureau.f.industry", lang),
        "industry",
        industries,
        {c: f"{c} {ref.industries[c].name if lang == 'zh' else ref.industries[c].en}" for c in industries},
        params.get("industry"),
    )
    sizes = list(ref.sizes)
    size = _select(
        t("bureau.f.size", lang),
        "size",
        sizes,
        {c: ref.sizes[c].name if lang == "zh" else ref.sizes[c].en for c in sizes},
        params.get("size"),
    )
    types = list(ref.production_types)
    ptype = _select(
        t("bureau.f.type", lang),
        "type",
        types,
        {c: ref.production_types[c].name if lang == "zh" else ref.production_types[c].en for c in types},
        params.get("type"),
    )
    statuses = [s for s in STATUSES if s != "draft"]
    status = _select(t("bureau.f.status", lang), "status", statuses, {s: t("status." + s, lang) for s in statuses}, params.get("status"))
    periods = list(reversed(state.call(bureau.periods, questionnaire) or []))
    period = _select(t("bureau.f.period", lang), "period", periods, {}, params.get("period"))
    f = bureau.Filters(questionnaire, region, industry or None, size or None, ptype or None, status or None, period or None)
    wanted = {k: v for k, v in (("q", f.questionnaire), ("region", f.region), ("industry", f.industry), ("size", f.size),
              ("type", f.production_type), ("status", f.status), ("period", f.period)) if v}  # fmt: skip
    keep = {k: v for k, v in params.items() if k not in PARAMS}
    if {k: v for k, v in params.items() if k in PARAMS} != wanted:
        st.query_params.from_dict({**keep, **wanted})
    return f


def scope_caption(f: bureau.Filters, area: str, lang: Lang) -> str:
    name = load().region_name(area) or area
    when = t("bureau.when_period", lang, period=f.period) if f.period else t("bureau.when_now", lang)
    qn = load_questionnaire(f.questionnaire)
    return t("bureau.scope", lang, area=name, questionnaire=f"{qn.title.get(lang)} {qn.ref}", when=when)
