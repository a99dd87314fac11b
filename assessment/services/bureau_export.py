"""The bureau's filtered view as rows, and as an Excel workbook or a CSV file.

The workbook has five sheets — 汇总 (summary), 企业 (the enterprises of the view, one row per
enterprise: its latest round), 常见差距 (criteria most often blocking the next rung), 候选企业
(candidates) and 未诊断企业 (the register's enterprises without a submission) — with Chinese
headers and names (GB/T 2260 regions, GB/T 4754 industries), never bare codes alone. Every
row passes through the same jurisdiction-bound queries as the dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, cast

from sqlalchemy import Table, select

from ..engine.models import Questionnaire
from ..io.tables_out import Cell, Sheet, to_csv, to_xlsx
from ..refdata import load
from ..storage import Database
from ..storage.tables import Organisation
from .actors import Actor
from .assessments import questionnaire_for
from .bureau import Filters, cached, conditions, cut_of, dashboard, region_label, scope
from .candidates import candidates
from .errors import InvalidInput
from .facts import CHINA, FACTS
from .register import coverage, undiagnosed

F = FACTS.c
ORGS = cast(Table, Organisation.__table__)
STATUS_ZH = {"submitted": "已提交", "resubmitted": "已重新提交", "returned": "已退回修改", "verified": "已核实", "draft": "草稿"}
Table_ = Literal["enterprises", "candidates", "undiagnosed", "gaps"]


@dataclass(frozen=True)
class EnterpriseRow:
    assessment_id: int
    name: str
    credit_code: str
    region_code: str
    industry_code: str
    size_class: str
    production_type: str
    rung_rank: int
    eligible_rank: int
    score: float
    scenarios: int | None
    scenarios_ai: int | None
    status: str
    submitted_at: datetime


def enterprise_rows(db: Database, actor: Actor, filters: Filters, limit: int | None = None) -> list[EnterpriseRow]:
    """The view's enterprises (their latest round), by region then name."""
    sc = scope(db, actor, filters)

    def compute(conn: object) -> list[EnterpriseRow]:
        stmt = (
            select(
                F.assessment_id,
                ORGS.c.name,
                ORGS.c.credit_code,
                F.region_code,
                F.industry_code,
                F.size_class,
                F.production_type,
                F.rung_rank,
                F.eligible_rank,
                F.score,
                F.scenarios,
                F.scenarios_ai,
                F.status,
                F.submitted_at,
            )
            .select_from(FACTS.join(ORGS, ORGS.c.id == F.organisation_id))
            .where(*conditions(sc, filters, cut_of(filters)))
            .order_by(F.region_code, ORGS.c.name, F.assessment_id)
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        return [EnterpriseRow(*r) for r in conn.execute(stmt).all()]  # type: ignore[attr-defined]

    return cached(db, ("enterprises", sc.jurisdiction, filters, limit), compute)


def rung_label(q: Questionnaire, rank: int) -> str:
    return next((r.label.zh for r in q.grading.rungs if r.rank == rank), q.grading.none_label.zh)


def criterion_label(q: Questionnaire, cid: str) -> str:
    for r in q.grading.rungs:
        for c in r.criteria:
            if c.id == cid:
                return c.label.zh
    return cid


def _when(at: datetime) -> str:
    return (at + CHINA).strftime("%Y-%m-%d")


def _r1(x: float | None) -> float | None:
    return None if x is None else round(x, 1)


def sheets(db: Database, actor: Actor, filters: Filters, *, max_missing: int = 2) -> list[Sheet]:
    q = questionnaire_for(filters.questionnaire)
    ref = load()
    places: dict[str, str] = {}

    def place(code: str) -> str:  # names looked up once per code, not once per row
        name = places.get(code)
        if name is None:
            name = places[code] = ref.region_name(code)
        return name

    rung_of = {r.rank: r.label.zh for r in q.grading.rungs}
    criteria = {c.id: c.label.zh for r in reversed(q.grading.rungs) for c in r.criteria}  # the first rung's label wins
    none_label = q.grading.none_label.zh
    show_eligible = q.grading.kind == "tier"
    ind = {c: e.name for c, e in ref.industries.items()}
    sizes = {c: e.name for c, e in ref.sizes.items()}
    ptypes = {c: e.name for c, e in ref.production_types.items()}
    d = dashboard(db, actor, filters)
    cov = coverage(db, actor, filters)
    head = d.headline
    by_rank: list[list[Cell]] = [[f"能力等级：{rung_label(q, rank)}", n] for rank, n in sorted(head.by_rank.items())]
    summary: list[list[Cell]] = [
        ["问卷", f"{q.title.zh}（{q.ref}）"],
        ["地区", ref.region_name(d.area) or d.area],
        ["筛选条件", "；".join(f"{k}={v}" for k, v in filters.as_params().items() if k != "questionnaire") or "无"],
        ["统计口径", f"截至 {filters.period} 末" if filters.period else "当前（每家企业最新一轮）"],
        ["已提交企业数", head.enterprises],
        ["平均得分", _r1(head.mean_score)],
        *by_rank,
        ["名录企业数", cov.registered],
        ["已诊断名录企业数", cov.diagnosed],
        ["诊断覆盖率 %", _r1(cov.percent)],
    ]
    ents = enterprise_rows(db, actor, filters)
    ent_rows: list[list[Cell]] = [
        [
            e.name,
            e.credit_code,
            place(e.region_code),
            ind.get(e.industry_code, e.industry_code),
            sizes.get(e.size_class, e.size_class),
            ptypes.get(e.production_type, e.production_type),
            rung_of.get(e.rung_rank, none_label),
            rung_of.get(e.eligible_rank, none_label) if show_eligible or e.eligible_rank else "",
            _r1(e.score),
            e.scenarios,
            e.scenarios_ai,
            STATUS_ZH.get(e.status, e.status),
            _when(e.submitted_at),
        ]
        for e in ents
    ]
    gaps: list[list[Cell]] = [[criterion_label(q, cid), rung_label(q, rank), n] for cid, rank, n in d.blocking]
    cands = candidates(db, actor, filters, max_missing=max_missing)
    cand_rows: list[list[Cell]] = [
        [
            c.name,
            c.credit_code,
            place(c.region_code),
            ind.get(c.industry_code, c.industry_code),
            rung_of.get(c.rung_rank, none_label),
            rung_of.get(c.rung_rank + 1, none_label),
            len(c.missing),
            "；".join(criteria.get(m, m) for m in c.missing),
            "是" if c.eligible else "否",
            "、".join(c.consultants),
            _r1(c.score),
        ]
        for c in cands
    ]
    und = [
        [u.name, u.credit_code, place(u.region_code), ind.get(u.industry_code, u.industry_code)]
        for u in undiagnosed(db, actor, filters)
    ]
    return [
        Sheet("汇总", ["项目", "数值"], summary),
        Sheet(
            "企业",
            [
                "企业名称",
                "统一社会信用代码",
                "地区",
                "行业",
                "规模",
                "生产类型",
                "能力等级",
                "可申报等级",
                "得分",
                "已实施场景",
                "应用AI场景",
                "状态",
                "提交日期",
            ],
            ent_rows,
        ),
        Sheet("常见差距", ["未满足的条件", "所属等级", "企业数"], gaps),
        Sheet(
            "候选企业",
            [
                "企业名称",
                "统一社会信用代码",
                "地区",
                "行业",
                "当前等级",
                "目标等级",
                "缺少条件数",
                "缺少的条件",
                "可申报当前等级",
                "服务商",
                "得分",
            ],
            cand_rows,
        ),
        Sheet("未诊断企业", ["企业名称", "统一社会信用代码", "地区", "行业"], und),
    ]


SHEET_OF = {"enterprises": "企业", "candidates": "候选企业", "undiagnosed": "未诊断企业", "gaps": "常见差距"}


def export_view(
    db: Database, actor: Actor, filters: Filters, fmt: str = "xlsx", table: str = "enterprises", *, max_missing: int = 2
) -> tuple[str, bytes]:
    """(file name, bytes) of the view: the whole workbook, or one table as CSV."""
    if fmt not in ("xlsx", "csv"):
        raise InvalidInput("format", "格式为 xlsx 或 csv", "the format is xlsx or csv")
    if table not in SHEET_OF:
        raise InvalidInput("table", f"表为 {' | '.join(SHEET_OF)}", f"the table is one of {', '.join(SHEET_OF)}")
    all_sheets = sheets(db, actor, filters, max_missing=max_missing)
    area = scope(db, actor, filters).area
    stem = f"bureau-{area}-{filters.questionnaire.replace('@', '-')}" + (f"-{filters.period}" if filters.period else "")
    if fmt == "xlsx":
        return f"{stem}.xlsx", to_xlsx(all_sheets)
    sheet = next(s for s in all_sheets if s.title == SHEET_OF[table])
    return f"{stem}-{table}.csv", to_csv(sheet)


__all__ = ["EnterpriseRow", "enterprise_rows", "export_view", "region_label", "sheets"]
