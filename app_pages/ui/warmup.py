"""Once per server process: start preparing the PDF fonts in the background."""

from __future__ import annotations

import streamlit as st

from assessment.warmup import prepare_fonts_in_background


@st.cache_resource(show_spinner=False)
def start() -> bool:
    """Start the font preparation (the first call in this process only)."""
    return prepare_fonts_in_background() is not None
