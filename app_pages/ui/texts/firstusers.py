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
    # admin
    "admin.accounts": ("账号", "Accounts"),
    "admin.organisations": ("企业", "Organisations"),
    "admin.links": ("服务商与客户", "Consultants and clients"),
    "admin.role": ("角色", "Role"),
    "admin.organisation": ("所属企业", "Organisation"),
    "admin.jurisdiction": ("辖区", "Jurisdiction"),
    "admin.state": ("状态", "Status"),
    "admin.active": ("启用", "Active"),
    "admin.inactive": ("已停用", "Disabled"),
    "admin.none": ("（无）", "(none)"),
    "admin.create_account": ("新建账号", "New account"),
    "admin.create_account_button": ("创建账号", "Create account"),
    "admin.username_help": (
        "3–64 个字符：小写字母、数字及 _ . @ -",
        "3–64 characters: lower-case letters, digits and _ . @ -",
    ),
    "admin.organisation_for": (
        "所属企业（企业用户必填；选诊断服务商时即关联为其客户）",
        "Organisation (enterprise users; for a consultant it becomes a client)",
    ),
    "admin.jurisdiction_for": ("辖区（经信局用户必填）", "Jurisdiction (economic-bureau users)"),
    "admin.account_created": ("已创建账号 {name}（{role}）。", "Account {name} created ({role})."),
    "admin.manage_account": ("停用、启用或重置密码", "Disable, enable or reset a password"),
    "admin.pick_account": ("选择账号", "Account"),
    "admin.confirm_disable": (
        "确认停用账号 {name}（停用后立即退出登录、不能再登录）",
        "Yes, disable {name} (signed out at once, cannot sign in)",
    ),
    "admin.disable": ("停用账号", "Disable account"),
    "admin.enable": ("重新启用账号", "Enable account"),
    "admin.disabled": ("账号 {name} 已停用。", "Account {name} disabled."),
    "admin.enabled": ("账号 {name} 已重新启用。", "Account {name} enabled."),
    "admin.new_password": ("新密码", "New password"),
    "admin.reset_password": ("重置密码", "Reset password"),
    "admin.password_reset": (
        "账号 {name} 的密码已重置，其已登录的会话已结束。请把新密码当面或电话告知本人。",
        "The password of {name} is reset and its open sessions are ended. Tell the new password to the person directly.",
    ),
    "admin.no_orgs": ("还没有登记任何企业。", "No organisation registered yet."),
    "admin.credit_code_help": ("18 位，含校验位（GB 32100）", "18 characters including the check character (GB 32100)"),
    "admin.register_org": ("登记企业", "Register organisation"),
    "admin.org_created": ("已登记企业：{name}。", "Organisation {name} registered."),
    "admin.client": ("客户企业", "Client"),
    "admin.clients": ("客户企业（可多选）", "Clients (one or more)"),
    "admin.pick": ("请选择", "Choose"),
    "admin.no_links": ("还没有服务商与企业的关联。", "No consultant is linked to a client yet."),
    "admin.links_need": (
        "需要先有已启用的诊断服务商账号和已登记的企业。",
        "First create an active consultant account and register an organisation.",
    ),
    "admin.link": ("关联为客户", "Link as clients"),
    "admin.linked": ("已将 {clients} 关联为 {name} 的客户。", "{clients} linked as clients of {name}."),
    "admin.unlink_pick": ("解除一项关联", "Remove a link"),
    "admin.unlink": ("解除关联", "Unlink"),
    "admin.unlinked": ("已解除 {name} 与 {client} 的关联。", "{name} is no longer linked to {client}."),
    # demo
    "setup.demo_login": ("请用其中一个账号登录。", "Sign in with one of them."),
    "gap.unanswered": (":orange-background[未作答]：请先回答「{what}」", ":orange-background[not answered]: answer “{what}” first"),
}
