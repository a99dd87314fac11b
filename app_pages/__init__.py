"""Streamlit pages. Each page draws widgets, calls one service function, renders the result."""
