"""A draft 申报书 (application for a smart-factory tier) as a Word document (python-docx).

For the tier the enterprise may apply for according to its answers (``eligible_tier``), the
draft follows the structure of the application material as the project's reference lists
it for 卓越级 (申报材料清单, mirrored by the Dalian project; confidence B/C — the local
notice decides): 一、申报主体和智能工厂基本信息 → 二、场景建设情况（总体情况 / 具体场景 /
系统集成）→ 三、建设成效（先进性与特色 / 实施成效 / 后续实施计划）→ 四、投资预算与资金来源 →
五、实施进度 → 六、预期效益 → 七、保障措施.

What it pre-fills comes only from the answers: the profile, the basic requirements as
answered, the scenarios answered 已实施 (and whether with AI) with their notes, the KPI
answers, the evidence file names. It never claims more: every description, figure or
result the answers do not contain is a highlighted 【请企业填写 …】 place, and the roadmap's
near-term steps are offered only as suggestions for the follow-up plan.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt

from ..engine.answers import check_answers
from ..engine.models import Profile, Question, Questionnaire
from ..engine.results import Result

SOURCE_NOTE = (
    "本草稿的章节结构依据卓越级申报材料清单（参考整理，可信度 B/C），具体以当地主管部门通知为准；"
    "自评结果不等于官方认定。标黄的【请企业填写】处须由企业据实撰写。"
)


class ApplicationError(ValueError):
    """This assessment cannot make a 申报书 draft (e.g. not a tier questionnaire)."""


def _fill(doc: Any, what: str) -> None:
    """A highlighted place the enterprise must write itself."""
    run = doc.add_paragraph().add_run(f"【请企业填写：{what}】")
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _answer(q: Question, value: Any) -> str:
    if value is None:
        return "未作答"
    if q.kind == "yesno":
        return "是" if value else "否"
    if q.kind in ("single",):
        o = q.option(str(value))
        return o.label.zh if o else str(value)
    if q.kind == "multi":
        return "；".join(o.label.zh for o in q.options if o.value in value) or "无"
    if q.kind == "number":
        unit = q.number.unit.zh if q.number and q.number.unit else ""
        return f"{value:g}{unit}"
    return str(value)


def _table(doc: Any, rows: Sequence[tuple[str, str]], head: tuple[str, str]) -> None:
    t = doc.add_table(rows=1, cols=2)
    t.style = "Table Grid"
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = head
    for a, b in rows:
        cells = t.add_row().cells
        cells[0].text, cells[1].text = a, b


def _ref_name(table: str, code: str) -> str:
    from ..refdata import load

    entry = getattr(load(), table).get(code)
    return str(entry.name) if entry is not None else code


def _implemented(q: Question, value: Any) -> tuple[bool, bool]:
    o = q.option(str(value)) if q.kind == "single" and value is not None else None
    flags = o.flags if o else ()
    return "implemented" in flags, "ai" in flags


def write_application(
    q: Questionnaire,
    result: Result,
    answers: Mapping[str, Any],
    profile: Profile,
    notes: Mapping[str, str] | None = None,
    evidence: Mapping[str, Sequence[str]] | None = None,
    region_name: str = "",
) -> bytes:
    """The draft 申报书 as ``.docx`` bytes. ApplicationError for a non-tier questionnaire."""
    if result.grading != "tier":
        raise ApplicationError(
            "申报书草稿仅适用于智能工厂梯度培育自评 / a draft application is made for the smart-factory tier assessment only"
        )
    notes, evidence = notes or {}, evidence or {}
    checked = check_answers(q, answers)
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    tier = result.eligible_label.zh if result.eligible_label is not None and result.eligible_tier else None
    doc.add_heading(f"{tier or '智能工厂'}智能工厂申报书（草稿）" if tier else "智能工厂申报书（草稿）", level=0)
    doc.add_paragraph(f"申报主体：{profile.name or '【请企业填写：企业名称】'}")
    doc.add_paragraph(SOURCE_NOTE)
    if tier is None:
        doc.add_paragraph(
            f"根据自评答卷，目前尚不满足任何等级的申报条件（能力等级：{result.rung_label.zh}）。以下结构供准备材料参考，差距见诊断报告。"
        )
    else:
        doc.add_paragraph(f"根据自评答卷，可申报等级为「{tier}」（能力等级：{result.rung_label.zh}，问卷 {result.questionnaire}）。")

    doc.add_heading("一、申报主体和智能工厂基本信息", level=1)
    _table(
        doc,
        [
            ("企业名称", profile.name or "【请企业填写】"),
            ("统一社会信用代码", profile.credit_code or "【请企业填写】"),
            ("所在地区", region_name or profile.region or "【请企业填写】"),
            ("所属行业（GB/T 4754）", profile.industry or "【请企业填写】"),
            ("企业规模", _ref_name("sizes", profile.size) or "【请企业填写】"),
            ("生产类型", _ref_name("production_types", profile.production_type) or "【请企业填写】"),
        ],
        ("项目", "内容"),
    )
    basics = q.sections[0]
    doc.add_paragraph(f"{basics.label.zh}（按答卷）：")
    _table(doc, [(x.label.zh, _answer(x, checked.get(x.id))) for x in basics.questions], ("要求", "答卷回答"))
    _fill(doc, "智能工厂概况（建设范围、产线、产品、主要工艺与装备）")

    doc.add_heading("二、场景建设情况", level=1)
    scenarios = [x for x in q.questions if x.guide_stage is not None and x.kind == "single"]
    done = [(x, *_implemented(x, checked.get(x.id))) for x in scenarios]
    done = [d for d in done if d[1]]
    doc.add_heading("（一）总体情况", level=2)
    ai = sum(1 for d in done if d[2])
    doc.add_paragraph(f"按答卷，已实施典型场景 {len(done)} 个，其中应用人工智能技术的 {ai} 个。")
    _fill(doc, "场景建设的总体思路、投入与建设周期")
    doc.add_heading("（二）具体场景", level=2)
    if not done:
        doc.add_paragraph("答卷中没有已实施的典型场景。")
    for x, _, uses_ai in done:
        doc.add_heading(f"{x.label.zh}{'（应用人工智能）' if uses_ai else ''}", level=3)
        if notes.get(x.id):
            doc.add_paragraph(f"答卷备注：{notes[x.id]}")
        for name in evidence.get(x.id, ()):
            doc.add_paragraph(f"佐证材料：{name}", style="List Bullet")
        _fill(doc, "建设内容、采用的系统与装备、实施时间、取得的效果（附数据）")
    doc.add_heading("（三）系统集成", level=2)
    _fill(doc, "信息系统（如 ERP、MES、PLM、WMS）之间及与设备的集成情况")

    doc.add_heading("三、建设成效", level=1)
    doc.add_heading("（一）先进性与特色", level=2)
    _fill(doc, "在行业内的先进性与特色做法")
    doc.add_heading("（二）实施成效", level=2)
    kpis = [x for x in q.questions if x.id.startswith("kpi.")]
    if kpis:
        doc.add_paragraph("主要技术经济指标（按答卷的自评位置；具体数值须企业填写并附证明）：")
        _table(doc, [(x.label.zh, _answer(x, checked.get(x.id))) for x in kpis], ("指标", "答卷回答"))
    _fill(doc, "各项指标建设前后的具体数值与计算口径")
    doc.add_heading("（三）后续实施计划", level=2)
    near = [s for s in result.roadmap if s.phase == "near"][:5]
    if near:
        doc.add_paragraph("诊断建议的近期行动（供参考，须企业确认）：")
        for s in near:
            doc.add_paragraph(s.action.zh, style="List Number")
    _fill(doc, "后续建设计划与时间安排")
    for title, what in (
        ("四、投资预算与资金来源", "总投资、分项预算与资金来源"),
        ("五、实施进度", "已完成与计划中的建设阶段和时间节点"),
        ("六、预期效益", "经济效益与社会效益的预期（附测算依据）"),
        ("七、保障措施", "组织、人才、资金与制度保障"),
    ):
        doc.add_heading(title, level=1)
        _fill(doc, what)

    files = [name for names in evidence.values() for name in names]
    doc.add_heading("附：佐证材料清单", level=1)
    if files:
        for name in files:
            doc.add_paragraph(name, style="List Bullet")
    else:
        doc.add_paragraph("答卷中尚未上传佐证材料。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
