"""Parts of the UI text catalogue, one module per feature (each defines ``TEXTS``).

``app_pages.ui.i18n`` merges them into the one catalogue and refuses a key defined twice, so
features can add their texts without editing a shared file.
"""
