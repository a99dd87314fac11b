"""Collecting every piece of text a page shows, to check the Chinese UI for English leaks.

Streamlit's AppTest exposes elements by type; this walks the types a page of this app uses
(text elements, widget labels and options, tables, metrics, expanders and tabs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from streamlit.testing.v1 import AppTest

ALLOWED = {
    # terms Chinese readers use as they are (standards, systems, formats, units)
    "AI",
    "APS",
    "BOM",
    "CAD",
    "CAE",
    "CAM",
    "CAPP",
    "CMMM",
    "CRM",
    "CSV",
    "DCS",
    "EDA",
    "EMS",
    "ERP",
    "GB",
    "IT",
    "KPI",
    "KiB",
    "LIMS",
    "MB",
    "MES",
    "OA",
    "OT",
    "PDF",
    "PDM",
    "PLC",
    "PLM",
    "QMS",
    "RFID",
    "SCADA",
    "SCM",
    "SRM",
    "TMS",
    "WMS",
    "ZIP",
    "Excel",  # the file formats of the consultant's offline workbook and the draft 申报书
    "Word",
    "IoT",
    "AGV",
    "VR",
    "AR",
    "MRO",
    "PHM",
    "OEE",
    "CPS",
    "ICT",
    "PUE",
    "DCMM",
    "CNC",
    "HR",
    "SPC",
    "APP",
    "App",
    "BI",
    "EAM",
    "APC",
    "AOI",
    "BIM",
    "MBSE",
    "CO",
    "HRM",
    "HTML",
    "Modbus",
    "OPC",
    "UA",
    "RPA",
    "QC",
    "SaaS",
    "PaaS",
    "IaaS",
    "EHS",
    "PCB",
    "XLSX",
    "DOCX",
    "PNG",
    "JPG",
    "UTC",
}
WORD = re.compile(r"[A-Za-z][A-Za-z]+")
MATERIAL = re.compile(r":material/[a-z_]+:|:[a-z]+(-background|-badge)?\[")


def _strings(at: AppTest) -> Iterator[str]:
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "error", "success", "warning", "text", "toast"):
        for el in at.get(kind):
            yield str(getattr(el, "value", ""))
    for kind in ("button", "checkbox", "text_input", "text_area", "number_input", "toggle", "download_button", "form_submit_button"):
        for el in at.get(kind):
            yield str(getattr(el, "label", "") or getattr(getattr(el, "proto", None), "label", ""))
            yield str(getattr(getattr(el, "proto", None), "help", ""))
    for kind in ("selectbox", "multiselect", "radio", "select_slider", "button_group"):
        for el in at.get(kind):
            proto = el.proto
            yield str(getattr(proto, "label", ""))
            yield str(getattr(proto, "help", ""))
            yield from (str(o) for o in getattr(el, "options", []) or [])
            if kind == "multiselect" and not getattr(proto, "placeholder", ""):
                yield "Choose options"  # Streamlit's own placeholder, drawn when none is given
    for el in at.get("expandable"):
        yield str(el.proto.expandable.label if hasattr(el.proto, "expandable") else getattr(el, "label", ""))
    for el in at.expander:
        yield str(el.label)
    for el in at.tabs:
        yield str(el.label)
    for el in at.metric:
        yield str(el.label)
        yield str(el.value)
    for el in at.dataframe:
        frame = el.value
        yield " ".join(str(c) for c in frame.columns)
        for col in frame.columns:
            yield " ".join(str(v) for v in frame[col].tolist() if not isinstance(v, bool))  # ticks, not text
    for el in at.get("progress"):
        yield str(el.proto.text)


def english_words(at: AppTest, allowed_extra: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
    """ASCII words of two or more letters shown by the page that are not allowed terms."""
    found: set[str] = set()
    for s in _strings(at):
        s = MATERIAL.sub(" ", s)
        s = re.sub(r"https?://\S+|www\.\S+|\b[\w.-]+\.(cn|com|org|net)\b\S*|Wi-Fi|what-if|c3mep", " ", s)  # web addresses, Wi-Fi
        s = re.sub(r"GB/T|\b[0-9A-Z]{18}\b|语言 / Language|English", " ", s)  # credit codes (data); the language switch names both
        for w in WORD.findall(s):
            if w not in ALLOWED and w not in allowed_extra:
                found.add(w)
    return found
