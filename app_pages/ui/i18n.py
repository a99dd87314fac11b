"""The one catalogue of UI texts: Chinese first, English beside it.

Pages never hard-code user-facing strings; they call ``t(key, lang, **values)``. Texts that
come from questionnaires or results carry their own zh/en labels.
"""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, tuple[str, str]] = {
    # app
    "app.title": ("智能工厂成熟度自评", "Smart-factory maturity self-assessment"),
    "app.tagline": ("智能工厂梯度培育自评 · 智改数转诊断", "Smart-factory tier self-assessment · digital-transformation diagnostic"),
    "app.language": ("语言 / Language", "语言 / Language"),
    "app.signed_in_as": ("当前用户：{user}（{role}）", "Signed in as {user} ({role})"),
    "app.logout": ("退出登录", "Sign out"),
    "app.disclaimer": ("自评结果不代表官方认定。", "A self-assessment is not an official recognition."),
    "role.enterprise": ("企业用户", "Enterprise"),
    "role.consultant": ("诊断服务商", "Consultant"),
    "role.bureau": ("经信局", "Economic bureau"),
    "role.admin": ("系统管理员", "Administrator"),
    # pages
    "page.login": ("登录", "Sign in"),
    "page.setup": ("首次启动", "First start"),
    "page.assessments": ("我的评估", "My assessments"),
    "page.questionnaire": ("填写问卷", "Questionnaire"),
    "page.result": ("评估结果", "Result"),
    "page.profile": ("企业信息", "Organisation profile"),
    "page.clients": ("客户企业", "Client enterprises"),
    "page.submissions": ("辖区提交", "Submissions"),
    "page.users": ("账号管理", "Accounts"),
    # login
    "login.heading": ("登录", "Sign in"),
    "login.username": ("用户名", "Username"),
    "login.password": ("密码", "Password"),
    "login.submit": ("登录", "Sign in"),
    "login.empty": ("请输入用户名和密码。", "Enter your username and password."),
    "login.failed": ("用户名或密码错误。", "Wrong username or password."),
    # setup
    "setup.heading": ("首次启动：创建管理员账号", "First start: create the administrator account"),
    "setup.intro": (
        "数据库中还没有任何账号。请创建第一个系统管理员账号（也可以在命令行运行 `sfa user add 用户名 --role admin`）。",
        "The database has no account yet. Create the first administrator (or run `sfa user add NAME --role admin`).",
    ),
    "setup.token": ("首次启动口令", "First-start token"),
    "setup.token_help": (
        "为防止他人抢先创建管理员，请输入服务器数据目录中 {path} 文件里的口令（启动日志中也有）。",
        "So that nobody else can claim the administrator account, enter the token from the file {path} on the server (also in the server log).",
    ),
    "setup.password2": ("再次输入密码", "Repeat the password"),
    "setup.mismatch": ("两次输入的密码不一致。", "The passwords do not match."),
    "setup.create": ("创建管理员", "Create administrator"),
    "setup.created": ("管理员账号已创建，请登录。", "Administrator created; please sign in."),
    "setup.demo": ("载入演示数据", "Load demo data"),
    "setup.demo_help": (
        "以演示模式启动（SFA_DEMO=1）时可载入示例企业、企业用户、诊断服务商和经信局账号（不含管理员），便于体验；同样需要首次启动口令。",
        "Started in demo mode (SFA_DEMO=1), you may load example enterprises with an enterprise, a consultant and a bureau account "
        "(no administrator) to try the tool; this needs the first-start token too.",
    ),
    "setup.demo_done": (
        "演示数据已载入。演示账号：{accounts}，密码均为 {password}（仅显示这一次）",
        "Demo data loaded. Demo accounts: {accounts}; password for all: {password} (shown only this once)",
    ),
    # assessments list
    "list.heading": ("评估记录", "Assessments"),
    "list.empty": (
        "还没有评估记录。选择问卷后点击“开始新评估”。",
        "No assessment yet. Choose a questionnaire and click “Start a new assessment”.",
    ),
    "list.start": ("开始新评估", "Start a new assessment"),
    "list.questionnaire": ("问卷", "Questionnaire"),
    "list.organisation": ("企业", "Organisation"),
    "list.status": ("状态", "Status"),
    "list.progress": ("作答进度", "Progress"),
    "list.result": ("结果", "Result"),
    "list.updated": ("更新时间", "Updated"),
    "list.round": ("第 {n} 轮", "Round {n}"),
    "list.open": ("继续填写", "Continue"),
    "list.view": ("查看结果", "View result"),
    "list.no_org": ("您的账号尚未关联企业，请联系管理员。", "Your account is not linked to an organisation; contact the administrator."),
    "status.draft": ("草稿", "Draft"),
    "status.submitted": ("已提交", "Submitted"),
    "status.returned": ("已退回修改", "Returned for correction"),
    "status.resubmitted": ("已重新提交", "Resubmitted"),
    "status.verified": ("已核实", "Verified"),
    # questionnaire
    "q.pick_assessment": ("请先在“我的评估”中选择或新建一项评估。", "First choose or start an assessment under “My assessments”."),
    "q.progress": ("已作答 {answered}/{total} 题", "{answered} of {total} answered"),
    "q.step": ("第 {i}/{n} 部分", "Part {i} of {n}"),
    "q.prev": ("上一部分", "Previous part"),
    "q.next": ("下一部分", "Next part"),
    "q.to_result": ("查看结果", "See the result"),
    "q.saved": ("已自动保存", "Saved"),
    "q.readonly": (
        "该评估已提交，不能修改（如需更正请由经信局退回）。",
        "This assessment is submitted and read-only (the bureau can return it for correction).",
    ),
    "q.source": ("依据", "Source"),
    "q.confidence": ("可信度", "Confidence"),
    "q.evidence": ("佐证材料建议", "Suggested evidence"),
    "q.yes": ("是", "Yes"),
    "q.no": ("否", "No"),
    "q.none_choice": ("（未选择）", "(none chosen)"),
    "q.multi_none": ("不选任何项即为“无”。", "Choosing nothing means “none”."),
    "q.scenario_table": (
        "逐项勾选：已实施的场景，以及其中应用了人工智能技术的场景。",
        "Tick each scenario implemented, and those using AI.",
    ),
    "q.col.scenario": ("场景", "Scenario"),
    "q.col.stage": ("环节", "Stage"),
    "q.col.implemented": ("已实施", "Implemented"),
    "q.col.ai": ("应用AI", "Uses AI"),
    "q.ai_needs_implemented": ("应用AI的场景视为已实施。", "A scenario using AI counts as implemented."),
    "q.invalid": ("输入无效：{message}", "Invalid input: {message}"),
    "q.note": ("备注", "Note"),
    "q.add_note": ("保存备注", "Save note"),
    "q.verify": ("标记为已核实", "Mark verified"),
    "q.verified_text": ("顾问已核实该答案", "Checked by the consultant"),
    "q.upload": ("上传佐证材料", "Upload evidence"),
    # result
    "r.capability": ("能力等级", "Capability tier"),
    "r.eligible": ("可申报等级", "May apply for"),
    "r.level": ("诊断等级", "Level"),
    "r.score": ("得分", "Score"),
    "r.answered": ("作答", "Answered"),
    "r.next": ("下一等级", "Next rung"),
    "r.top": ("已达最高等级", "Top rung reached"),
    "r.sections": ("分项得分", "Section scores"),
    "r.criteria": ("等级判定依据", "Why this tier"),
    "r.met": ("满足", "met"),
    "r.unmet": ("未满足", "not met"),
    "r.eligibility": ("申报条件", "eligibility"),
    "r.gaps": ("差距清单", "Gaps"),
    "r.no_gaps": ("没有差距。", "No gaps."),
    "r.roadmap": ("改进路线图", "Roadmap"),
    "r.solutions": ("典型方案", "Typical solutions"),
    "r.evidence": ("需准备的佐证材料", "Evidence to prepare"),
    "r.effort": ("投入", "Effort"),
    "r.impact": ("影响", "Impact"),
    "r.warnings": ("一致性提示", "Consistency warnings"),
    "r.pdf": ("下载 PDF 报告", "Download the PDF report"),
    "r.pdf_building": ("正在生成报告…", "Building the report…"),
    "r.pledge": (
        "本企业承诺所填信息真实、准确、完整，并对其真实性负责（真实性承诺）。",
        "We pledge that the information given is true, accurate and complete, and take responsibility for it.",
    ),
    "r.submit": ("提交至经信局", "Submit to the bureau"),
    "r.submitted": ("已提交。", "Submitted."),
    "r.pledge_needed": ("请先勾选真实性承诺。", "Tick the truthfulness pledge first."),
    "r.compare": ("与上一轮比较", "Compared with the previous round"),
    "r.no_previous": ("没有上一轮可比较。", "No previous round to compare with."),
    "r.delta": ("变化", "Change"),
    "level.low": ("低", "low"),
    "level.medium": ("中", "medium"),
    "level.high": ("高", "high"),
    "phase.near": ("近期", "Near term"),
    "phase.mid": ("中期", "Mid term"),
    "phase.long": ("远期", "Long term"),
    "chart.score": ("得分率", "Score"),
    "chart.section": ("部分", "Section"),
    "chart.current": ("当前", "Current"),
    "chart.next_rung": ("下一级要求", "Next rung needs"),
    # profile
    "org.name": ("企业名称", "Enterprise name"),
    "org.credit_code": ("统一社会信用代码", "Unified social credit code"),
    "org.region": ("所在地区", "Region"),
    "org.industry": ("所属行业", "Industry"),
    "org.size": ("企业规模", "Size"),
    "org.production_type": ("生产类型", "Production type"),
    "org.save": ("保存企业信息", "Save"),
    "org.saved": ("企业信息已保存。", "Saved."),
    "org.create": ("登记新企业", "Register an organisation"),
    "size.large": ("大型", "Large"),
    "size.medium": ("中型", "Medium"),
    "size.small": ("小型", "Small"),
    "size.micro": ("微型", "Micro"),
    "ptype.discrete": ("离散型", "Discrete"),
    "ptype.process": ("流程型", "Process"),
    "ptype.mixed": ("混合型", "Mixed"),
    # consultant
    "clients.heading": ("客户企业", "Client enterprises"),
    "clients.empty": ("还没有关联的客户企业，请联系管理员关联。", "No client linked yet; ask the administrator to link one."),
    "clients.pick": ("当前客户", "Current client"),
    "clients.reports": ("批量下载所选客户报告（ZIP）", "Download the reports of the selected clients (ZIP)"),
    "clients.select": ("选择客户", "Choose clients"),
    # errors
    "err.refused": ("无权访问该内容，或内容不存在。", "You may not see this, or it does not exist."),
    "err.generic": ("操作未完成：{message}", "Not done: {message}"),
    "err.session": ("登录已失效，请重新登录。", "Your session has ended; please sign in again."),
}


def _merge_parts() -> None:
    """Add the catalogue parts in ``app_pages/ui/texts/`` (one module per feature, each with a
    ``TEXTS`` dict), refusing a key defined twice."""
    import importlib
    import pkgutil

    from . import texts

    for info in sorted(pkgutil.iter_modules(texts.__path__), key=lambda m: m.name):
        part: dict[str, tuple[str, str]] = importlib.import_module(f"{texts.__name__}.{info.name}").TEXTS
        clash = sorted(set(part) & set(TEXTS))
        if clash:
            raise RuntimeError(f"text keys defined twice ({info.name}): {', '.join(clash)}")
        TEXTS.update(part)


_merge_parts()


def t(key: str, lang: str = "zh", **values: Any) -> str:
    """The text for ``key`` in ``lang``; unknown keys raise (a test checks every key used)."""
    zh, en = TEXTS[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text
