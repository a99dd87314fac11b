"""Texts for user text shown on the pages: the return reason and the display name."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "render.return_reason": ("经信局退回原因：{reason}", "Returned by the economic bureau: {reason}"),
    "render.display_name": ("显示名称", "Display name"),
}
