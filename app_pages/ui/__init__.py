"""Shared UI pieces: the text catalogue, session helpers, widgets, charts, result rendering."""
