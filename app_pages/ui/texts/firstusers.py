"""Texts of what first users tripped over (issue 10): client, questionnaire, result, admin, demo."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # consultant's current client
    "client.current": (":material/domain: 当前客户：**{name}**", ":material/domain: Current client: **{name}**"),
    # questionnaire
    "q.basis": ("依据、可信度与佐证材料", "Source, confidence and evidence"),
    "q.confidence_legend": ("“可信度” A / B / C 是什么意思？", "What do the confidence marks A / B / C mean?"),
    "q.confidence.A": (
        "依据政府网页或官方通知原文（或其忠实转载）。",
        "Taken from a government page or the official notice text (or a faithful reprint).",
    ),
    "q.confidence.B": (
        "两个以上相互独立的二手来源一致，且与官方框架相符。",
        "Two or more independent secondary sources agree, consistent with the official framing.",
    ),
    "q.confidence.C": ("仅有一个二手来源，请对照官方原文核实。", "One secondary source only; check it against the official text."),
    "q.invalid_named": ("「{label}」输入无效：{message}", "“{label}”: invalid input: {message}"),
    "q.range.between": ("允许范围：{lo}–{hi}", "Allowed: {lo}–{hi}"),
    "q.range.min": ("允许范围：不小于 {lo}", "Allowed: {lo} or more"),
    "q.range.max": ("允许范围：不大于 {hi}", "Allowed: up to {hi}"),
    "q.range.any": ("填写数值", "Enter a number"),
    "q.range.integer": ("，填整数", ", a whole number"),
    "q.inventory.rest": ("其余均未实施", "Mark the rest as not implemented"),
    "q.inventory.rest_help": (
        "把尚未勾选的场景一次标记为“未实施”，本部分即填写完成。之后仍可随时勾选修改。",
        "Marks every scenario not ticked as “not implemented”, which completes this part. You can still tick any of them later.",
    ),
    "q.inventory.marked": (
        "已标记 {marked}/{total} 个场景；未勾选也未确认的场景尚未作答。",
        "{marked} of {total} scenarios marked; those neither ticked nor confirmed are still unanswered.",
    ),
    "q.inventory.done": ("{n} 个场景已标记为未实施。", "{n} scenarios marked as not implemented."),
    # my assessments: what each row's button opens
    "list.open_returned": ("修改后重新提交", "Correct and resubmit"),
    "list.open_view": ("查看答卷", "View answers"),
    # notes and evidence, read-only
    "notes.heading": ("备注与佐证材料（备注 {notes} 条，文件 {files} 个）", "Notes and evidence ({notes} notes, {files} files)"),
    "notes.note": ("备注", "Note"),
    "notes.verified": (":material/verified: 已核实", ":material/verified: Verified"),
    "notes.file": ("下载佐证材料：{name}（{size} KiB）", "Download evidence: {name} ({size} KiB)"),
}
