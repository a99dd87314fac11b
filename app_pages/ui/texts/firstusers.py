"""Texts of what first users tripped over (issue 10): client, questionnaire, result, admin, demo."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # consultant's current client
    "client.current": (":material/domain: 当前客户：**{name}**", ":material/domain: Current client: **{name}**"),
}
