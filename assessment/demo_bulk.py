"""Bulk demo data for the bureau's dashboards: ``sfa demo-data --n 100000 [--seed S]``.

Plausible Sichuan enterprises in all 21 市州 (a county of each from GB/T 2260), a mix of
manufacturing divisions and sizes, one to four rounds each of one questionnaire (larger
enterprises the smart-factory self-assessment, smaller ones the SME diagnostic), spread over
the last eight quarters; a register of the 规上 ones (large and medium) plus enterprises that
have no submission yet. The mixes are illustrative, **not statistics** of Sichuan.

Answers are generated (an enterprise has a latent maturity that grows from round to round;
each answer is drawn around it) and **assessed through the engine**: the facts, summaries and
listing columns are what ``assess()`` returned. Equal (answers, profile) pairs are assessed
once: answers are drawn from a pool of prototypes per questionnaire, so 100,000 submissions
need a few thousand engine calls, which worker processes make (``jobs``) while this process
writes the rows. Submitted revisions carry no Result snapshot (``result_z`` is empty; the
service then recomputes the Result from the stored answers when a page asks) and no
``assessment.submit`` audit rows: nobody submitted them, so the log says what happened — one
``demo.bulk`` row on the global chain, sealed like any other (``sfa audit verify`` holds).

It creates **no account with a known password**: only consultant accounts (for the
candidates' 服务商 column) whose random passwords are thrown away; an admin sets a password
(``sfa user passwd``) before anyone can use them. No admin or bureau account is created.
Rows are written in bulk straight to the driver (SQLite ``executemany``, PostgreSQL ``COPY``),
in batches, each batch in its own transaction.
"""

from __future__ import annotations

import random
import secrets
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, select, text

from . import catalog
from .codes import ALPHABET, check_character
from .engine import ENGINE_VERSION, assess
from .engine.answers import check_answers
from .engine.models import Profile, Question, Questionnaire
from .refdata import load
from .services import Actor, create_user, snapshots
from .services import facts as facts_mod
from .storage import Database
from .storage import repositories as repo
from .storage.tables import Assessment, ConsultantClient, Organisation, Revision, User
from .storage.tables_facts import RegisterEntry
from .storage.types import UTCDateTime

CITY_WEIGHTS = {
    "510100": 30, "510300": 4, "510400": 3, "510500": 4, "510600": 8, "510700": 7, "510800": 3, "510900": 3,
    "511000": 3, "511100": 4, "511300": 5, "511400": 4, "511500": 5, "511600": 3, "511700": 4, "511800": 2,
    "511900": 2, "512000": 3, "513200": 1, "513300": 1, "513400": 2,
}  # fmt: skip
"""Illustrative weights of the 21 市州 (Chengdu largest); not official statistics."""
INDUSTRY_WEIGHTS = {
    "39": 12, "13": 6, "14": 5, "15": 8, "26": 9, "27": 5, "30": 8, "31": 4, "32": 4, "33": 5, "34": 8,
    "35": 6, "36": 6, "38": 7, "29": 4, "22": 2, "17": 2, "21": 2, "37": 3,
}  # fmt: skip
"""Illustrative weights of GB/T 4754 divisions in the demo."""
SIZES = {"large": 6, "medium": 30, "small": 50, "micro": 14}
TYPES = {"discrete": 55, "process": 35, "mixed": 10}
NAME_A = "华 川 蜀 锦 天 瑞 鑫 宏 盛 恒 信 德 远 新 力 创 达 通 汇 博 泰 峰 腾 隆 众 科 精 智 嘉 安".split()
NAME_B = {"13": "食品", "14": "食品", "15": "酒业", "17": "纺织", "21": "家具", "22": "纸业", "26": "化工", "27": "药业", "29": "橡塑",
          "30": "建材", "31": "钢铁", "32": "有色", "33": "金属制品", "34": "机械", "35": "装备", "36": "汽车部件", "37": "轨道装备",
          "38": "电气", "39": "电子"}  # fmt: skip
REASONS = ("请补充生产管理环节的佐证材料", "典型场景填报与附件不符，请核对", "成熟度自评等级缺少评估报告")
PROTOTYPES = 128
BATCH = 2000


@dataclass(frozen=True)
class BulkReport:
    organisations: int
    submissions: int
    registered: int
    undiagnosed: int
    engine_calls: int
    seconds: float


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


RANKS = {"basic": 1, "advanced": 2, "excellent": 3, "leading": 4}


def _answer(rng: random.Random, q: Question, m: float) -> Any:
    """An answer around maturity ``m`` (0–1): practices of the tiers up to ``4.3 m`` are mostly in
    place, higher ones mostly not; options run from least to most mature."""
    tier_level = 4.3 * m
    if q.kind == "yesno":
        if q.id.startswith("gate."):
            return rng.random() < 0.95
        if q.tier in RANKS:
            gap = RANKS[q.tier] - tier_level
            return rng.random() < (0.985 if gap <= 0 else 0.35 if gap <= 0.6 else 0.04)
        return rng.random() < 0.4 + 0.5 * m
    if q.kind == "single":
        values = [o.value for o in q.options]
        if "implemented_ai" in values:
            if rng.random() > 0.15 + 0.7 * m:
                return values[0]
            return "implemented_ai" if rng.random() < 0.1 + 0.6 * m else "implemented"
        k = len(values)
        centre = (tier_level + 1) if q.id.startswith("cmmm.") else (tier_level - 0.5) if q.id.startswith("recognition.") else m * (k - 1)
        return values[max(0, min(k - 1, round(centre + rng.gauss(0, 0.6))))]
    if q.kind == "multi":
        real = [o.value for o in q.options if o.value != "none"]
        n = max(0, min(len(real), round(m * len(real) + rng.gauss(0, 0.8))))
        return real[:n] if n else ["none"] if any(o.value == "none" for o in q.options) else []
    return None  # numbers and texts stay unanswered in the demo


def prototypes(q: Questionnaire, rng: random.Random, count: int = PROTOTYPES) -> list[tuple[float, dict[str, Any]]]:
    """(maturity, answers) pairs spread over maturities 0–1, checked by the engine's answer check."""
    out = []
    for i in range(count):
        m = (i % 32) / 31
        answers = {x.id: a for x in q.questions if (a := _answer(rng, x, m)) is not None}
        out.append((m, dict(check_answers(q, answers))))
    return out


def _credit_codes(rng: random.Random, region: str, taken: set[str]) -> Iterator[str]:
    while True:
        body = "91" + region + "".join(rng.choice(ALPHABET) for _ in range(9))
        code = body + check_character(body)
        if code not in taken:
            taken.add(code)
            yield code


def _quarter_start(now: datetime, back: int) -> datetime:
    local = now + facts_mod.CHINA
    q = (local.month - 1) // 3 - back
    year = local.year + q // 4
    month = 3 * (q % 4) + 1
    return datetime(year, month, 1, tzinfo=UTC) - facts_mod.CHINA


def _next_id(conn: Any, table: Table) -> int:
    return int(conn.execute(select(table.c.id).order_by(table.c.id.desc()).limit(1)).scalar() or 0) + 1


def _fix_sequences(conn: Any) -> None:
    if conn.dialect.name != "postgresql":
        return
    for table in ("organisations", "assessments", "assessment_revisions", "users"):
        sql = f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"  # noqa: S608  (fixed names)
        conn.execute(text(sql))


# ── the engine, in worker processes ────────────────────────────────────────────────
Key = tuple[str, int, str, str]
"""(questionnaire ref, prototype index, size, production type): equal keys, equal Results."""
Assessed = tuple[float, float, dict[str, Any], dict[str, Any], list[tuple[Any, ...]], list[tuple[Any, ...]]]
"""(score, max score, summary, facts values, criterion rows, section rows) of one key."""
Task = tuple[Key, dict[str, Any], dict[str, str]]
"""(key, answers, the engine profile of the first enterprise that uses the key)."""


def _assess(q: Questionnaire, answers: dict[str, Any], profile: dict[str, str]) -> Assessed:
    """Assess through the engine and keep what the rows need (not the Result: memory)."""
    res = assess(q, answers, Profile(**profile))
    facts_profile = {
        "region_code": profile["region"],
        "industry_code": profile["industry"],
        "size_class": profile["size"],
        "production_type": profile["production_type"],
    }
    vals = facts_mod.fact_values(res, assessment_id=0, organisation_id=0, revision=1, profile=facts_profile)
    crit = [(c["criterion_id"], c["rung_rank"], c["eligibility"], c["met"], c["blocking"]) for c in facts_mod.criteria_rows(res, 0)]
    secs = [(x["section_id"], x["percent"]) for x in facts_mod.section_rows(res, 0)]
    return res.score, res.max_score, snapshots.summary(res), vals, crit, secs


def _assess_chunk(tasks: list[Task]) -> list[tuple[Key, Assessed]]:
    """A worker's share: each key assessed by the engine (questionnaires loaded once per process)."""
    return [(key, _assess(catalog.load_questionnaire(key[0]), answers, profile)) for key, answers, profile in tasks]


class _Assessor:
    """The Results of the keys, in the order the rows first need them. With ``jobs`` > 1 a pool
    of worker processes runs the engine ahead of the main process, which writes the rows."""

    CHUNK = 8

    def __init__(self, tasks: list[Task], jobs: int, by_q: dict[str, Questionnaire]) -> None:
        self.memo: dict[Key, Assessed] = {}
        self._tasks = tasks
        self._by_q = by_q
        self._next = 0
        self._pool: Any = None
        self._results: Iterator[list[tuple[Key, Assessed]]] | None = None
        if jobs > 1 and len(tasks) > self.CHUNK:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
            chunks = [tasks[i : i + self.CHUNK] for i in range(0, len(tasks), self.CHUNK)]
            self._results = iter(self._pool.map(_assess_chunk, chunks))

    def get(self, key: Key) -> Assessed:
        while key not in self.memo:
            if self._results is not None:
                self.memo.update(next(self._results))
            else:
                k, answers, profile = self._tasks[self._next]
                self.memo[k] = _assess(self._by_q[k[0]], answers, profile)
                self._next += 1
        return self.memo[key]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


# ── writing rows in bulk ───────────────────────────────────────────────────────────
class _Writer:
    """Rows straight to the driver, in the transaction of ``conn``: SQLite ``executemany``,
    PostgreSQL ``COPY``. Values pass through the columns' own bind processors (the same text
    for timestamps and JSON that SQLAlchemy would write); JSON of shared objects (answers of a
    prototype, a summary, a profile) is encoded once."""

    def __init__(self, conn: Any) -> None:
        self.dialect = conn.dialect
        self.raw = conn.connection.dbapi_connection
        self._json: dict[int, tuple[Any, Any]] = {}
        self._times: dict[datetime, Any] = {}

    def processors(self, table: Table, cols: Sequence[str]) -> list[Callable[[Any], Any] | None]:
        return [table.c[c].type._cached_bind_processor(self.dialect) for c in cols]

    def shared(self, proc: Callable[[Any], Any], value: Any) -> Any:
        """``proc(value)`` once per object (JSON of objects many rows share)."""
        hit = self._json.get(id(value))
        if hit is None or hit[0] is not value:
            hit = (value, proc(value))
            self._json[id(value)] = hit
        return hit[1]

    def _once_per_object(self, proc: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def run(v: Any) -> Any:
            return proc(v) if v is None else self.shared(proc, v)

        return run

    def _once_per_value(self, proc: Callable[[Any], Any]) -> Callable[[Any], Any]:
        times = self._times

        def run(v: Any) -> Any:
            hit = times.get(v, times)
            if hit is times:
                hit = times[v] = proc(v)
            return hit

        return run

    def prepare(
        self, table: Table, cols: Sequence[str], rows: Sequence[Sequence[Any]], shared: Sequence[str] = ()
    ) -> list[tuple[Any, ...]]:
        procs = self.processors(table, cols)
        steps: list[tuple[int, Callable[[Any], Any]]] = []
        for i, p in enumerate(procs):
            if p is None:
                continue
            if cols[i] in shared:  # JSON of an object many rows share: once per object
                steps.append((i, self._once_per_object(p)))
            elif isinstance(table.c[cols[i]].type, UTCDateTime):  # a timestamp recurs in several columns
                steps.append((i, self._once_per_value(p)))
            else:
                steps.append((i, p))
        out = []
        for row in rows:
            values = list(row)
            for i, p in steps:
                values[i] = p(values[i])
            out.append(tuple(values))
        return out

    def write(self, table: Table | str, cols: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        q = self.dialect.identifier_preparer.quote
        name = table if isinstance(table, str) else table.name
        names = ", ".join(q(c) for c in cols)
        cur = self.raw.cursor()
        try:
            if self.dialect.name == "postgresql":
                with cur.copy(f"COPY {q(name)} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" for _ in cols)
                cur.executemany(f"INSERT INTO {q(name)} ({names}) VALUES ({marks})", rows)  # noqa: S608  (table and column names)
        finally:
            cur.close()

    def insert(self, table: Table, rows: Sequence[dict[str, Any]], shared: Sequence[str] = ()) -> None:
        """Dict rows (all with the same keys)."""
        if rows:
            cols = list(rows[0])
            self.write(table, cols, self.prepare(table, cols, [[r[c] for c in cols] for r in rows], shared))


class _Templates:
    """The criterion and section rows of each key once, in temporary tables; a batch's rows are
    then one ``INSERT … SELECT`` joining its (assessment, key) pairs to them, so the database
    expands the ~30 criterion rows of every submission instead of the Python loop."""

    SUBS = "demo_bulk_subs"
    CRIT = "demo_bulk_criteria"
    SECS = "demo_bulk_sections"

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.next = 1
        boolean = "BOOLEAN" if conn.dialect.name == "postgresql" else "INTEGER"
        with conn.begin():
            for ddl in (
                f"CREATE TEMPORARY TABLE {self.SUBS} (assessment_id INTEGER, key_no INTEGER)",
                f"CREATE TEMPORARY TABLE {self.CRIT} (key_no INTEGER, pos INTEGER, criterion_id VARCHAR(120), rung_rank INTEGER, "
                f"eligibility {boolean}, met {boolean}, blocking {boolean})",
                f"CREATE TEMPORARY TABLE {self.SECS} (key_no INTEGER, pos INTEGER, section_id VARCHAR(80), percent FLOAT)",
            ):
                conn.exec_driver_sql(ddl)

    def add(self, w: _Writer, crit: Sequence[tuple[Any, ...]], secs: Sequence[tuple[Any, ...]]) -> int:
        """Store a key's rows (through the bind processors of the real tables); its number."""
        no = self.next
        self.next += 1
        crit_rows = w.prepare(facts_mod.CRITERIA, CRITERIA_COLS[1:], crit)
        sec_rows = w.prepare(facts_mod.SECTIONS, SECTION_COLS[1:], secs)
        w.write(self.CRIT, ("key_no", "pos", *CRITERIA_COLS[1:]), [(no, i, *r) for i, r in enumerate(crit_rows)])
        w.write(self.SECS, ("key_no", "pos", *SECTION_COLS[1:]), [(no, i, *r) for i, r in enumerate(sec_rows)])
        return no

    def expand(self, w: _Writer, uses: Sequence[tuple[int, int]]) -> None:
        """The criterion and section rows of (assessment id, key number) pairs, in the order of
        the Result (as :func:`~assessment.services.facts.record_submission` writes them)."""
        self.conn.exec_driver_sql(f"DELETE FROM {self.SUBS}")  # noqa: S608  (fixed names)
        w.write(self.SUBS, ("assessment_id", "key_no"), list(uses))
        crit = ", ".join(f"t.{c}" for c in CRITERIA_COLS[1:])
        secs = ", ".join(f"t.{c}" for c in SECTION_COLS[1:])
        self.conn.exec_driver_sql(
            f"INSERT INTO fact_criteria ({', '.join(CRITERIA_COLS)}) SELECT s.assessment_id, {crit} "  # noqa: S608  (fixed names)
            f"FROM {self.SUBS} s JOIN {self.CRIT} t ON t.key_no = s.key_no ORDER BY s.assessment_id, t.pos"
        )
        self.conn.exec_driver_sql(
            f"INSERT INTO fact_sections ({', '.join(SECTION_COLS)}) SELECT s.assessment_id, {secs} "  # noqa: S608  (fixed names)
            f"FROM {self.SUBS} s JOIN {self.SECS} t ON t.key_no = s.key_no ORDER BY s.assessment_id, t.pos"
        )

    def drop(self) -> None:
        if self.conn.in_transaction():
            self.conn.rollback()
        with self.conn.begin():
            for table in (self.SUBS, self.CRIT, self.SECS):
                self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")


# ── the plan: every draw of the random generator, before any Result is needed ─────
@dataclass(slots=True)
class _Sub:
    """One planned submission (an assessment and its revisions)."""

    a_id: int
    org_id: int
    qref: str
    key: Key
    p_idx: int
    at: datetime
    status: str
    sub_rev: int
    reason: str | None
    profile: dict[str, Any]
    superseded_at: datetime | None = None


@dataclass
class _Batch:
    orgs: list[dict[str, Any]]
    subs: list[_Sub]
    links: list[dict[str, Any]]
    register: list[dict[str, Any]]
    extra: int


ASSESSMENT_COLS = (
    "id", "organisation_id", "questionnaire_id", "questionnaire_ref", "status", "revision", "submitted_revision", "region_code",
    "industry_code", "size_class", "production_type", "score", "max_score", "rung", "rung_rank", "summary", "return_reason",
    "created_at", "updated_at", "first_submitted_at", "last_submitted_at", "verified_at",
)  # fmt: skip
REVISION_COLS = (
    "id", "assessment_id", "number", "answers", "answered", "version", "profile", "summary", "result_z", "engine_version",
    "created_at", "updated_at", "updated_by", "submitted_at", "submitted_by",
)  # fmt: skip
FACT_COLS = tuple(c.name for c in facts_mod.FACTS.columns)
CRITERIA_COLS = ("assessment_id", "criterion_id", "rung_rank", "eligibility", "met", "blocking")
SECTION_COLS = ("assessment_id", "section_id", "percent")


def load_bulk_demo(
    db: Database,
    *,
    n: int = 1000,
    seed: int = 1,
    progress: Callable[[int], None] | None = None,
    variants: int = PROTOTYPES // 32,
    jobs: int = 1,
) -> BulkReport:
    """Add ``n`` submissions (and their enterprises, register and consultants); ``variants``:
    answer prototypes per maturity step (fewer: fewer engine calls, less variety); ``jobs``:
    processes running the engine (1: this process only). The data depend on ``seed`` only,
    never on ``jobs``."""
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311  (demo data, not secrets)
    ref = load()
    sf = catalog.load_questionnaire("smart_factory")
    sme = catalog.load_questionnaire("sme_digital")
    protos = {sf.ref: prototypes(sf, rng, 32 * variants), sme.ref: prototypes(sme, rng, 32 * variants)}
    by_q = {sf.ref: sf, sme.ref: sme}
    counties = {c: sorted(k for k in ref.counties if k.startswith(c[:4])) or [c] for c in CITY_WEIGHTS}
    now = db.clock()
    system = Actor.system("demo-data")
    consultants = []
    for i in range(4):
        name = f"demo-consultant-{seed}-{i + 1:02d}"
        with db.read() as s:
            exists = repo.user_by_username(s, name) is not None
        if not exists:  # a random password nobody learns: unusable until an admin sets one
            create_user(
                db, system, username=name, password=secrets.token_urlsafe(24), role="consultant", display_name=f"演示服务商{i + 1:02d}"
            )
        consultants.append(name)
    orgs_t = cast(Table, Organisation.__table__)
    asmt_t = cast(Table, Assessment.__table__)
    rev_t = cast(Table, Revision.__table__)
    links_t = cast(Table, ConsultantClient.__table__)
    reg_t = cast(Table, RegisterEntry.__table__)
    with db.read() as s:
        conn = s.connection()
        taken = {c for (c,) in conn.execute(select(orgs_t.c.credit_code))} | {c for (c,) in conn.execute(select(reg_t.c.credit_code))}
        consultant_ids = [u for (u,) in conn.execute(select(User.id).where(User.username.in_(consultants)).order_by(User.id))]
        org_id, a_id = _next_id(conn, orgs_t), _next_id(conn, asmt_t)
        r_id0 = _next_id(conn, rev_t)

    # 1. the plan (this process, in order: the data depend on the seed only)
    batches: list[_Batch] = []
    tasks: list[Task] = []
    planned: set[Key] = set()
    made = orgs = registered = undiagnosed = 0
    while made < n:
        batch = _Batch([], [], [], [], 0)
        while made < n and len(batch.subs) < BATCH:
            city = _pick(rng, CITY_WEIGHTS)
            region = rng.choice(counties[city])
            industry, size, ptype = _pick(rng, INDUSTRY_WEIGHTS), _pick(rng, SIZES), _pick(rng, TYPES)
            code = next(_credit_codes(rng, region, taken))
            name = f"{ref.prefectures[city].name.removesuffix('市')[:2]}{rng.choice(NAME_A)}{rng.choice(NAME_A)}{NAME_B[industry]}有限公司"
            qref = sf.ref if size in ("large", "medium") or rng.random() < 0.15 else sme.ref
            batch.orgs.append(
                {"id": org_id, "name": name, "credit_code": code, "region_code": region, "industry_code": industry, "size_class": size,
                 "production_type": ptype, "created_at": now, "created_by": "demo-data"}
            )  # fmt: skip
            if size in ("large", "medium"):
                batch.register.append(
                    {"credit_code": code, "name": name, "region_code": region, "industry_code": industry, "imported_at": now,
                     "imported_by": "demo-data"}
                )  # fmt: skip
            if rng.random() < 0.35 and consultant_ids:
                batch.links.append({"consultant_id": rng.choice(consultant_ids), "organisation_id": org_id, "created_at": now})
            rounds = min(n - made, rng.choices((1, 2, 3, 4), weights=(35, 35, 20, 10))[0])
            maturity = rng.betavariate(2.2, 3.5)
            profile = {"name": name, "credit_code": code, "region_code": region, "industry_code": industry, "size_class": size,
                       "production_type": ptype}  # fmt: skip
            engine_profile = {"name": name, "credit_code": code, "region": region, "industry": industry, "size": size,
                              "production_type": ptype}  # fmt: skip
            last_quarter = rng.choice((0, 0, 0, 1, 1, 2))
            previous: _Sub | None = None
            for k in range(rounds):
                back = last_quarter + 2 * (rounds - 1 - k)
                start = _quarter_start(now, min(back, 7))
                end = min(now, _quarter_start(now, min(back, 7) - 1))
                at = start + timedelta(seconds=rng.uniform(0, max(1.0, (end - start).total_seconds() - 1)))
                pool = protos[qref]
                level = min(31, max(0, round(min(1.0, maturity + 0.07 * k) * 31)))
                p_idx = level + 32 * rng.randrange(len(pool) // 32)
                key = (qref, p_idx, size, ptype)
                if key not in planned:
                    planned.add(key)
                    tasks.append((key, pool[p_idx][1], engine_profile))
                latest = k == rounds - 1
                status = (
                    rng.choices(("submitted", "verified", "returned", "resubmitted"), weights=(65, 22, 6, 7))[0] if latest else "verified"
                )
                reason = rng.choice(REASONS) if status == "returned" else None
                sub = _Sub(a_id, org_id, qref, key, p_idx, at, status, 2 if status == "resubmitted" else 1, reason, profile)
                if previous is not None:
                    previous.superseded_at = at
                batch.subs.append(sub)
                previous = sub
                a_id += 1
                made += 1
            org_id += 1
            orgs += 1
        batch.extra = max(0, round(len(batch.register) * 0.18))
        for _ in range(batch.extra):  # 规上 enterprises on the register without any submission yet
            city = _pick(rng, CITY_WEIGHTS)
            region = rng.choice(counties[city])
            industry = _pick(rng, INDUSTRY_WEIGHTS)
            code = next(_credit_codes(rng, region, taken))
            place = ref.prefectures[city].name.removesuffix("市")[:2]
            nm = f"{place}{rng.choice(NAME_A)}{rng.choice(NAME_A)}{NAME_B[industry]}股份有限公司"
            batch.register.append(
                {"credit_code": code, "name": nm, "region_code": region, "industry_code": industry, "imported_at": now,
                 "imported_by": "demo-data"}
            )  # fmt: skip
        registered += len(batch.register)
        undiagnosed += batch.extra
        batches.append(batch)

    # 2. the engine (worker processes run ahead) and 3. the rows, a transaction per batch
    assessor = _Assessor(tasks, max(1, jobs), by_q)
    key_no: dict[Key, int] = {}
    """Keys whose criterion and section rows are in the templates (see :class:`_Templates`)."""
    answered = {id(a): sum(1 for v in a.values() if v is not None) for pool in protos.values() for _m, a in pool}
    r_id = r_id0
    # one connection for the whole load (the templates are temporary tables of it), a
    # transaction per batch
    with db.engine.execution_options(sfa_write=True).connect() as conn:
        tuned = _bulk_pragmas(conn)
        templates = _Templates(conn)
        try:
            for batch in batches:
                with conn.begin():
                    w = _Writer(conn)
                    a_rows: list[tuple[Any, ...]] = []
                    r_rows: list[tuple[Any, ...]] = []
                    f_rows: list[tuple[Any, ...]] = []
                    uses: list[tuple[int, int]] = []
                    for sub in batch.subs:
                        score, max_score, summ, vals, crit, secs = assessor.get(sub.key)
                        if sub.key not in key_no:
                            key_no[sub.key] = templates.add(w, crit, secs)
                        uses.append((sub.a_id, key_no[sub.key]))
                        at, status, sub_rev = sub.at, sub.status, sub.sub_rev
                        answers = protos[sub.qref][sub.p_idx][1]
                        p = sub.profile
                        a_rows.append(
                            (sub.a_id, sub.org_id, by_q[sub.qref].id, sub.qref, status, sub_rev + (1 if status == "returned" else 0),
                             sub_rev, p["region_code"], p["industry_code"], p["size_class"], p["production_type"], score, max_score,
                             summ["rung"], summ["rung_rank"], summ, sub.reason, at - timedelta(days=3), at,
                             at - timedelta(days=1) if sub_rev == 2 else at, at, at + timedelta(hours=1) if status == "verified" else None)
                        )  # fmt: skip
                        for number in range(1, sub_rev + 1 + (1 if status == "returned" else 0)):
                            frozen = number <= sub_rev
                            r_rows.append(
                                (r_id, sub.a_id, number, answers, answered[id(answers)], 0, p if number == sub_rev else None,
                                 summ if number == sub_rev else None, None, ENGINE_VERSION if frozen else None, at - timedelta(days=3), at,
                                 None, (at if number == sub_rev else at - timedelta(days=1)) if frozen else None, None)
                            )  # fmt: skip
                            r_id += 1
                        row = dict(vals, assessment_id=sub.a_id, organisation_id=sub.org_id, revision=sub_rev, status=status,
                                   submitted_at=at, province_code=p["region_code"][:2] + "0000", city_code=p["region_code"][:4] + "00",
                                   region_code=p["region_code"], industry_code=p["industry_code"], period=facts_mod.period_of(at),
                                   superseded_at=sub.superseded_at)  # fmt: skip
                        f_rows.append(tuple(row[c] for c in FACT_COLS))
                    w.insert(orgs_t, batch.orgs)
                    w.write(asmt_t, ASSESSMENT_COLS, w.prepare(asmt_t, ASSESSMENT_COLS, a_rows, shared=("summary",)))
                    w.write(rev_t, REVISION_COLS, w.prepare(rev_t, REVISION_COLS, r_rows, shared=("answers", "profile", "summary")))
                    w.insert(links_t, batch.links)
                    w.insert(reg_t, batch.register)
                    w.write(facts_mod.FACTS, FACT_COLS, w.prepare(facts_mod.FACTS, FACT_COLS, f_rows))
                    templates.expand(w, uses)
                    facts_mod.bump(conn)
                    _fix_sequences(conn)
                if progress is not None:
                    progress(len(batch.subs))
        finally:
            assessor.close()
            templates.drop()
            _bulk_pragmas(conn, tuned)
    with db.write() as s:
        repo.add_audit(
            s, at=db.clock(), actor_id=None, actor="cli:demo-data", action="demo.bulk", subject=f"n={n} seed={seed}",
            detail={"organisations": orgs, "submissions": made, "registered": registered},
        )  # fmt: skip
    _analyze(db)
    return BulkReport(orgs, made, registered, undiagnosed, len(assessor.memo), time.perf_counter() - started)


def _bulk_pragmas(conn: Any, restore: dict[str, Any] | None = None) -> dict[str, Any]:
    """SQLite, for the bulk load's own connection only: ``synchronous=NORMAL`` (in WAL mode a
    crash or power cut cannot corrupt the file; it may only lose the last batches, which a
    demo load can redo) and a 64 MB page cache for the indexes. ``restore``: put back the
    values returned by the first call before the connection returns to the pool."""
    if conn.dialect.name != "sqlite":
        return {}
    raw = conn.connection.dbapi_connection  # outside any transaction (the driver autocommits)
    if restore is not None:
        for name, value in restore.items():
            raw.execute(f"PRAGMA {name}={int(value)}")
        return restore
    before = {name: raw.execute(f"PRAGMA {name}").fetchone()[0] for name in ("synchronous", "cache_size")}
    raw.execute("PRAGMA synchronous=NORMAL")
    raw.execute("PRAGMA cache_size=-65536")
    return before


def _analyze(db: Database) -> None:
    """Fresh planner statistics after a bulk load (the dashboards' plans depend on them)."""
    if db.dialect == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in ("facts", "fact_criteria", "fact_sections", "organisations", "register_entries", "assessments"):
                conn.exec_driver_sql(f"VACUUM (ANALYZE) {table}")
    else:
        with db.write_conn() as conn:
            conn.exec_driver_sql("PRAGMA analysis_limit=1000")
            conn.exec_driver_sql("ANALYZE")
