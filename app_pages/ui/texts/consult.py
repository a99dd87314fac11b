"""Texts of the consultant's tools: Excel import, rounds comparison, 诊断机构 and 评估人."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # Excel import
    "consult.excel.heading": ("Excel 离线填写与导入", "Offline Excel: template and import"),
    "consult.excel.intro": (
        "下载模板在现场离线填写，填好后上传：导入为该企业的新一轮评估。有任何错误时不保存，并逐条指出工作表、行和列。",
        "Download the workbook, fill it in on site, then upload it: it becomes a new round of this enterprise. "
        "Nothing is saved while any error remains; each error names its sheet, row and column.",
    ),
    "consult.excel.template": ("下载空白模板（{title}）", "Download the blank workbook ({title})"),
    "consult.excel.upload": ("上传填好的工作簿（.xlsx）", "Upload the filled-in workbook (.xlsx)"),
    "consult.excel.problems": ("发现 {n} 处问题，未保存任何内容：", "{n} problems found; nothing was saved:"),
    "consult.excel.more": ("另有 {n} 处问题未列出。", "{n} more problems not listed."),
    "consult.excel.ready": (
        "工作簿检查通过：{enterprise} · {questionnaire} · 已作答 {answered} 题 · 备注 {notes} 条",
        "The workbook is fine: {enterprise} · {questionnaire} · {answered} answers · {notes} notes",
    ),
    "consult.excel.other_org": (
        "工作簿中的统一社会信用代码 {code} 与所选企业不同；将按代码匹配客户企业。",
        "The workbook's credit code {code} is not the selected enterprise's; the client is matched by the code.",
    ),
    "consult.excel.migrated": ("问卷版本已迁移：{change}", "Questionnaire version migrated: {change}"),
    "consult.excel.import": ("导入为新一轮评估", "Import as a new round"),
    "consult.excel.done": ("已导入为新一轮评估（{answered} 题）。", "Imported as a new round ({answered} answers)."),
    # rounds
    "consult.rounds.heading": ("与上一轮比较", "Compared with the previous round"),
    "consult.rounds.number": ("本轮为第 {n} 轮（共 {count} 轮，按创建时间排序）", "This is round {n} of {count} (in order of creation)"),
    "consult.rounds.first": (
        "这是该企业此问卷的第一轮评估，没有上一轮可比较。",
        "This is the first round of this questionnaire; nothing to compare with.",
    ),
    "consult.rounds.eligible": ("可申报等级：{before} → {after}", "May apply for: {before} → {after}"),
    "consult.rounds.section": ("分项", "Section"),
    "consult.rounds.before": ("上一轮", "Previous"),
    "consult.rounds.after": ("本轮", "This round"),
    "consult.rounds.delta": ("变化（百分点）", "Change (points)"),
    "consult.rounds.closed": ("已消除的差距（{n}）", "Gaps closed ({n})"),
    "consult.rounds.new": ("新出现的差距（{n}）", "New gaps ({n})"),
    "consult.rounds.none": ("无", "None"),
    "consult.rounds.gap": ("差距", "Gap"),
    "consult.rounds.gap_rung": ("对应等级", "For"),
    # 诊断机构 / 评估人
    "consult.org.heading": ("本账户的诊断机构", "Your diagnosing organisation"),
    "consult.org.label": ("诊断机构名称（显示在报告上）", "Organisation name (shown on reports)"),
    "consult.org.save": ("保存", "Save"),
    "consult.org.saved": ("已保存诊断机构。", "Saved."),
    "consult.export.plan": ("生成行动计划（Excel）", "Make the action plan (Excel)"),
    "consult.export.plan_ready": ("下载行动计划（Excel）", "Download the action plan (Excel)"),
    "consult.export.application": ("生成申报书草稿（Word）", "Make the draft application (Word)"),
    "consult.export.application_ready": ("下载申报书草稿（Word）", "Download the draft application (Word)"),
    "consult.assessor": ("评估人（显示在报告上）", "Assessor (shown on the report)"),
}
