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
    # result: what decides the tier
    "r.capability_means": (
        "答卷显示已具备的建设水平：该等级的各项建设条件均已满足。",
        "What the answers show: every construction condition of this tier is met.",
    ),
    "r.eligible_means": (
        "还需满足申报条件（已获评下一级以下等级、成熟度、规上、无重大事故等）才能申报的等级。",
        "The tier you may apply for: it also needs the lower tier recognised and the other eligibility conditions.",
    ),
    "r.completion": ("建设内容完成度", "Construction content in place"),
    "r.completion_help": (
        "各题等权计算的已具备建设内容所占比例，只反映做了多少，不决定等级；等级由下方各项条件决定。",
        "The share of construction content in place, every question weighing the same. "
        "It does not decide the tier; the conditions below do.",
    ),
    "r.answered_line": ("已作答 {answered}/{total} 题", "{answered} of {total} answered"),
    "r.top_reached": ("已达到最高等级：{rung}。", "The highest rung is reached: {rung}."),
    "r.decides": ("距{rung}还差什么", "What stands between you and {rung}"),
    "r.decides_count": (
        "{rung}的 {total} 项条件中已满足 **{met}** 项，未满足 **{unmet}** 项：",
        "Of the {total} conditions of {rung}, **{met}** are met and **{unmet}** are not:",
    ),
    "r.met_list": ("已满足的 {n} 项条件", "The {n} conditions met"),
    "r.sections_completion": ("各环节建设内容完成度", "Construction content in place by section"),
    "gap.build": ("待建设：{what}", "To put in place: {what}"),
    "gap.implement": ("实施场景：{what}", "Implement the scenario: {what}"),
    "gap.complete": ("补齐：{what}（当前：{current}）", "Complete: {what} (now: {current})"),
    "gap.raise": ("提升「{what}」至「{target}」（当前：{current}）", "Raise “{what}” to “{target}” (now: {current})"),
    "gap.needed": ("还需 {n} 项", "{n} more needed"),
    "gap.more": ("另有 {n} 项", "{n} more"),
    # result: the 16 scenario levels of the SME diagnostic
    "chart.scenarios_heading": ("数字化经营场景等级", "Operations scenario levels"),
    "chart.level_axis": ("达到的等级（0 = 未达到一级）", "Level reached (0 = below level 1)"),
    "chart.constraint": ("约束性场景", "Constraint scenario"),
    "chart.guiding": ("指导性场景", "Guiding scenario"),
    "chart.completion": ("完成度", "In place"),
    # submission
    "r.submitted_to_bureau": ("已提交至经信局（{at}）。", "Submitted to the economic bureau ({at})."),
    "r.next_steps": (
        "接下来：经信局审核后会标记为“已核实”，或说明原因退回；退回后可在“我的评估”中修改后重新提交。提交后的答卷不能再修改。",
        "Next: the bureau reviews it and marks it verified, or returns it with a reason; a returned assessment can be "
        "corrected and resubmitted under “My assessments”. A submitted assessment can no longer be changed.",
    ),
    "r.awaiting_bureau": (
        "已于 {at} 提交至经信局，等待审核。答卷已锁定；如需更正，请等待经信局退回。",
        "Submitted to the bureau on {at}, awaiting review. The answers are locked; to correct them, wait for the bureau to return it.",
    ),
    "r.verified_line": ("经信局已核实（提交于 {at}）。", "Verified by the bureau (submitted on {at})."),
    "r.returned_line": ("经信局已退回，原因：{reason}。修改后可重新提交。", "Returned by the bureau: {reason}. Correct it and resubmit."),
}
