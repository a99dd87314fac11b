"""The report's own wording in Chinese and English (everything else comes from the data).

Kept in one table so that the English report can be checked for leftover Chinese: every
fixed string has both languages, and :data:`KEPT_TERMS` lists the only official terms the
English report deliberately keeps in Chinese (next to their English name).
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]

_T: dict[str, tuple[str, str]] = {
    # cover
    "report_title": ("诊断与差距分析报告", "Diagnosis and Gap Report"),
    "report_kicker": ("智能制造成熟度自评", "Smart-manufacturing maturity self-assessment"),
    "enterprise": ("企业名称", "Enterprise"),
    "enterprise_info": ("企业信息", "Enterprise record"),
    "credit_code": ("统一社会信用代码", "Unified social credit code"),
    "credit_code_bad": ("（校验未通过，请核对）", " (check digit does not match — please verify)"),
    "region": ("所在地区（GB/T 2260）", "Region (GB/T 2260)"),
    "industry": ("所属行业（GB/T 4754）", "Industry (GB/T 4754)"),
    "size": ("企业规模", "Size"),
    "production_type": ("生产类型", "Production type"),
    "report_date": ("评估日期", "Assessment date"),
    "assessor": ("评估人", "Assessor"),
    "consultant": ("诊断机构", "Consultant"),
    "questionnaire": ("评估问卷", "Questionnaire"),
    "not_given": ("未填写", "not given"),
    "cover_note": (
        "本报告依据企业自评答卷自动生成，自评结果不代表官方认定。",
        "Generated from the enterprise's self-assessment answers. A self-assessment is not an official recognition.",
    ),
    # headings
    "toc": ("目录", "Contents"),
    "summary": ("执行摘要", "Executive summary"),
    "scores": ("分项得分", "Scores by section"),
    "criteria": ("等级判定依据", "Grading criteria"),
    "scenarios_sf": ("典型场景覆盖", "Typical-scenario coverage"),
    "scenarios_sme": ("数字化经营场景等级", "Operations scenario levels"),
    "gaps": ("差距清单", "Gap list"),
    "roadmap": ("改进路线图", "Improvement roadmap"),
    "appendix": ("附录", "Appendix"),
    "answers": ("答卷明细", "All answers"),
    "other_notes": ("其他备注", "Other notes"),
    "sources": ("评估依据", "Sources"),
    "versions": ("版本信息", "Versions"),
    "disclaimer": ("声明", "Disclaimer"),
    "warnings": ("一致性提示", "Consistency warnings"),
    # summary
    "capability_tier": ("能力等级", "Capability tier"),
    "eligible_tier": ("可申报等级", "May apply for"),
    "level": ("诊断等级", "Diagnostic level"),
    "score": ("得分", "Score"),
    "answered": ("已作答", "Answered"),
    "verdict": ("结论", "Verdict"),
    "blocks_next": ("距{rung}的主要差距", "What blocks {rung}"),
    "blocks_elig": ("申报条件差距", "Eligibility gaps"),
    "top_reached": ("已达到最高等级。", "The highest rung is reached."),
    "no_blocking": ("无阻碍下一级的差距。", "Nothing blocks the next rung."),
    "and_more": ("另有 {n} 项，见“差距清单”", "{n} more: see the gap list"),
    "score_ladder": ("基础得分与等级分数线", "Base score against the level thresholds"),
    "cap_vs_elig": (
        "能力等级反映答卷显示的建设水平；可申报等级还需满足已获评下一级以下等级、成熟度、规上与无重大事故等申报条件。",
        "The capability tier is what the answers show; applying for a tier also needs the lower tier recognised "
        "and the other eligibility conditions.",
    ),
    # scores
    "section": ("分项", "Section"),
    "earned": ("得分 / 满分", "Points"),
    "percent": ("得分率", "Share"),
    "target": ("{rung}要求", "{rung} needs"),
    "target_plain": ("下一级要求", "Next rung needs"),
    "total": ("合计", "Total"),
    "radar": ("各分项得分率（%）", "Share of points by section (%)"),
    "bars_plain": ("分项得分率（%）", "Share by section (%)"),
    "bars": ("分项得分率与下一级要求（%）", "Share by section and next-rung requirement (%)"),
    "legend_score": ("当前得分率", "current share"),
    "legend_target": ("{rung}要求", "{rung} requirement"),
    "score_note": ("说明", "Note"),
    # criteria
    "rung_reached": ("已达到", "reached"),
    "rung_not_reached": ("未达到", "not reached"),
    "eligible_short": ("可申报", "may apply"),
    "next_target": ("下一目标", "next target"),
    "status": ("状态", "Status"),
    "criterion": ("条件", "Criterion"),
    "deciding": ("判定依据（答卷）", "Deciding answers"),
    "source": ("来源条款", "Source"),
    "met": ("✓ 满足", "✓ met"),
    "unmet": ("× 未满足", "× not met"),
    "eligibility": ("申报条件", "eligibility"),
    "confidence": ("可信度 {c}", "confidence {c}"),
    "more_answers": ("等共 {n} 项", "{n} answers in all"),
    # scenarios
    "stage": ("环节", "Stage"),
    "implemented": ("已实施", "Implemented"),
    "done": ("已实施", "Done"),
    "with_ai": ("应用人工智能", "Using AI"),
    "not_implemented": ("未实施", "Not implemented"),
    "scenario_list": ("场景", "Scenarios"),
    "ai_share_line": ("人工智能场景占比 {v}%", "Share of implemented scenarios using AI: {v}%"),
    "ai_rule": ("{rung}要求不低于 {v}%", "{rung} needs at least {v}%"),
    "scenario": ("场景", "Scenario"),
    "constraint_mark": ("约束性场景（★）已达到的等级", "level reached, constraint scenario (★)"),
    "guiding_mark": ("指导性场景已达到的等级", "level reached, guiding scenario"),
    "below_l1": ("未达一级", "below L1"),
    "current_level": ("当前", "Current"),
    # gaps / roadmap
    "gap_for": ("距{rung}（{n} 项）", "For {rung} ({n})"),
    "need_more": ("还需 {n} 项达到要求（可从下列 {m} 项中选择）", "{n} more needed (from the {m} below)"),
    "gaps_intro_next": ("共 {n} 项差距，其中 {b} 项阻碍达到{rung}。", "{n} gaps, {b} of them blocking {rung}."),
    "gap_later": (
        "更高等级的差距，供中远期规划参考；逐项答卷见“答卷明细”。",
        "Gaps to higher rungs, for mid- and long-term planning; the answers are in the appendix.",
    ),
    "items_count": ("涉及 {n} 个答卷项（见“答卷明细”）", "{n} answers concerned (see All answers)"),
    "gaps_intro": ("共 {n} 项差距。", "{n} gaps."),
    "blocking": ("阻碍下一级", "blocks next rung"),
    "question": ("答卷项", "Question"),
    "current": ("当前回答", "Current answer"),
    "needed": ("需要达到", "Needed"),
    "action": ("改进行动", "Action"),
    "solutions": ("典型解决方案", "Typical solutions"),
    "evidence": ("需准备的佐证材料", "Evidence to prepare"),
    "effort_impact": ("投入 / 影响", "Effort / impact"),
    "effort": ("投入", "effort"),
    "impact": ("影响", "impact"),
    "low": ("低", "low"),
    "medium": ("中", "medium"),
    "high": ("高", "high"),
    "target_answer": ("目标", "Target"),
    "target_many": ("{n} 项回答达到“{t}”：", "{n} answers to reach “{t}”: "),
    "policy": ("政策支持", "Policy support"),
    "no_gaps": ("没有差距。", "No gaps."),
    "no_roadmap": ("没有需要安排的改进行动。", "No actions to schedule."),
    "roadmap_intro": (
        "阻碍下一步的行动排在最前（先是申报资格的硬性条件，再是下一等级的差距），更高等级的行动在后；"
        "同类行动按影响与投入排序。本路线图分为{count}：{phases}。",
        "Actions that block the next step come first (eligibility hard-fails, then the gaps of the next rung), "
        "actions for higher rungs after them; alike actions are ranked by impact and effort. {count} here: {phases}.",
    ),
    "phase_count_1": ("一个阶段", "One phase"),
    "phase_count_2": ("两个阶段", "Two phases"),
    "phase_count_3": ("三个阶段", "Three phases"),
    "unanswered_item": ("未作答", "not answered"),
    "unanswered_prompt": ("请先作答；未作答按未满足计", "please answer; counts as not met"),
    "unanswered_in_criterion": ("{n} 项未作答", "{n} not answered"),
    # appendix
    "answer": ("回答", "Answer"),
    "note": ("备注", "Note"),
    "unanswered": ("未作答（按最低水平计）", "unanswered (counts as least mature)"),
    "not_shown": ("不适用", "not applicable"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "none_selected": ("（均未选择）", "(none selected)"),
    "no_answers": ("未提供答卷明细。", "The answers were not provided."),
    "unknown_question": ("未知题目", "unknown question"),
    "doc_number": ("文号", "Number"),
    "questionnaire_version": ("问卷版本", "Questionnaire version"),
    "effective": ("问卷生效日期", "Questionnaire effective date"),
    "engine_version": ("评估引擎版本", "Engine version"),
    "generator": ("报告生成", "Report generator"),
    "disclaimer_text": (
        "本报告依据企业填写的自评答卷，按所列文件的条款自动生成，仅供企业诊断改进和申报准备参考。"
        "自评结果不代表官方认定；智能工厂等级、数字化水平等级以主管部门组织的评审或评定结果为准。"
        "部分条款来源于公开转载或第三方材料，可信度标记（A 官方原文、B 可靠转述、C 第三方或推断）见各条来源。",
        "This report is generated automatically from the enterprise's self-assessment answers against the clauses of the "
        "documents listed, for diagnosis and preparation only. A self-assessment is not an official recognition: smart-factory "
        "tiers and digital levels are decided by the competent authorities' review. Some clauses come from reprints or third-party "
        "material; each source carries a confidence mark (A official text, B reliable transcription, C third-party or inferred).",
    ),
    # running header / footer
    "footer_note": ("自评结果不代表官方认定", "Self-assessment — not an official recognition"),
    "page": ("第 {n} 页", "Page {n}"),
    "of_pages": ("/ 共 {n} 页", "of {n}"),
    "part": ("第{n}部分", "Part {n}"),
    "combined_title": ("综合诊断报告", "Combined diagnosis report"),
}

SIZE = {"large": ("大型", "Large"), "medium": ("中型", "Medium"), "small": ("小型", "Small"), "micro": ("微型", "Micro")}
PRODUCTION = {"discrete": ("离散型", "Discrete"), "process": ("流程型", "Process"), "mixed": ("混合型", "Mixed")}

KEPT_TERMS: tuple[str, ...] = ()
"""Official Chinese terms the English report keeps on purpose (none besides source citations)."""


def tr(key: str, lang: Lang, **kw: object) -> str:
    """The fixed string ``key`` in ``lang``, formatted with ``kw``."""
    zh, en = _T[key]
    s = en if lang == "en" else zh
    return s.format(**kw) if kw else s


def pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "en" else pair[0]


def all_strings() -> dict[str, tuple[str, str]]:
    """Every fixed string (for tests)."""
    return dict(_T)
