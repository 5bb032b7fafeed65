"""Shared by the warehouse checks: the summary's columns and their kinds,
the header mapping of a visits CSV (a port of src/domain/ingest/mapping.rs),
and the normalisation used to compare two summaries.

Plain Python (no pandas): the machine has only the standard library plus
duckdb and pyspark, which the scripts install when they are missing.
"""

import csv
import re
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SQL_PATH = ROOT / "sql" / "customer_summary.sql"

# (column, kind), in the query's output order. Kinds: str, date, int, bool,
# dec2 (DECIMAL(18,2) money / DECIMAL(9,2) scores), dec6 (DECIMAL(18,6)).
COLUMNS = [
    ("customer_id", "str"),
    ("as_of", "date"),
    ("first_visit", "date"),
    ("second_visit", "date"),
    ("last_visit", "date"),
    ("recency_days", "int"),
    ("tenure_days", "int"),
    ("frequency", "int"),
    ("monetary", "dec2"),
    ("visits_12m", "int"),
    ("spend_12m", "dec2"),
    ("visited_prev_year", "bool"),
    ("visited_last_year", "bool"),
    ("last_visit_before_12m", "date"),
    ("first_visit_12m", "date"),
    ("first_visit_12m_repeat_90d", "bool"),
    ("x", "int"),
    ("t_x", "int"),
    ("t_cal", "int"),
    ("repeat_spend", "dec2"),
    ("mean_repeat_spend", "dec2"),
    ("litt", "dec6"),
    ("litt_before_12m", "dec6"),
    ("delivery_date", "date"),
    ("first_visit_after_delivery", "date"),
    ("delivery_visit_90d", "bool"),
    ("latest_score", "dec2"),
    ("score_max", "dec2"),
    ("scores_12m", "int"),
    ("promoters_12m", "int"),
    ("detractors_12m", "int"),
    ("complaint", "bool"),
    ("store", "str"),
]
NAMES = [c for c, _ in COLUMNS]
KIND = dict(COLUMNS)

# The visit fields the query reads, and the header synonyms that name them
# (src/domain/ingest/mapping.rs, compared after normalise_header).
SYNONYMS = {
    "customer_id": ["客户id", "客户编号", "客户号", "客户代码", "车主id", "车主编号",
                    "会员id", "会员卡号", "会员号", "vin", "vin码", "车架号", "customer",
                    "customerid", "custid", "clientid", "memberid", "客户"],
    "visit_date": ["日期", "到店日期", "消费日期", "服务日期", "结算日期", "进厂日期",
                   "维修日期", "工单日期", "到店时间", "消费时间", "结算时间", "date",
                   "visitdate", "servicedate", "orderdate"],
    "amount": ["金额", "消费金额", "实收金额", "结算金额", "工单金额", "应收金额",
               "总金额", "amount", "revenue", "spend", "total", "sales"],
    "campaign": ["活动", "参与活动", "活动名称", "营销活动", "渠道", "campaign", "channel"],
    "delivery_date": ["交车日期", "购车日期", "交付日期", "deliverydate", "purchasedate"],
    "nps": ["nps", "满意度", "评分", "推荐度", "satisfaction", "score", "rating"],
    "complaint": ["投诉", "是否投诉", "投诉记录", "complaint", "complaints"],
    "store": ["门店", "经销商", "区域", "服务站", "店铺", "store", "dealer", "region", "branch"],
}
FIELDS = list(SYNONYMS)
REQUIRED = ["customer_id", "visit_date", "amount"]

# Complaint cells that mean "no" (src/domain/ingest/value.rs parse_complaint);
# any other non-empty text is a complaint.
COMPLAINT_NO = ["否", "无", "没有", "n", "no", "false", "0", "-", "/"]


def normalise_header(h):
    s = h.lstrip("\ufeff").replace("（", "(").replace("）", ")")
    s = "".join(ch for ch in s if not ch.isspace() and ch not in "_-\u3000").lower()
    if s.endswith(")"):
        i = s.rfind("(")
        if i > 0:
            s = s[:i]
    return s


def map_header(headers):
    """{field: column index} by the best-ranked synonym, a column used once."""
    normalised = [normalise_header(h) for h in headers]
    taken = [False] * len(headers)
    out = {}
    for field in FIELDS:
        for syn in SYNONYMS[field]:
            hit = next((i for i, h in enumerate(normalised) if not taken[i] and h == syn), None)
            if hit is not None:
                taken[hit] = True
                out[field] = hit
                break
    missing = [f for f in REQUIRED if f not in out]
    if missing:
        raise SystemExit(f"no column for {missing} in header {headers}")
    return out


def read_header(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return next(csv.reader(f))


DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
Q2 = Decimal("0.01")
Q6 = Decimal("0.000001")


def norm(kind, text):
    """A cell of a summary CSV in canonical form ('' is NULL)."""
    if text is None or text == "":
        return ""
    if kind == "date":
        return text[:10] if DATE_RE.match(text[:10]) else "?" + text
    if kind == "int":
        return str(int(Decimal(text)))
    if kind == "dec2":
        return str(Decimal(text).quantize(Q2))
    if kind == "dec6":
        return str(Decimal(text).quantize(Q6))
    if kind == "bool":
        low = text.strip().lower()
        return {"true": "true", "false": "false", "t": "true", "f": "false",
                "1": "true", "0": "false"}.get(low, "?" + text)
    return text


def read_summary(path):
    """(header, rows as lists of canonical strings, cells whose text differed
    from its canonical form)."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rd = csv.reader(f)
        header = next(rd)
        kinds = [KIND.get(h, "str") for h in header]
        rows, reformatted = [], 0
        for rec in rd:
            row = [norm(k, t) for k, t in zip(kinds, rec)]
            reformatted += sum(a != b for a, b in zip(row, rec))
            rows.append(row)
    return header, rows, reformatted


def compare(a_path, b_path, a_name="a", b_name="b", show=10):
    """Compares two summary CSVs column by column; returns the number of
    differences (0 when equal) and prints what differs."""
    ha, ra, fa = read_summary(a_path)
    hb, rb, fb = read_summary(b_path)
    problems = 0
    if ha != hb:
        print(f"header differs:\n  {a_name}: {ha}\n  {b_name}: {hb}")
        return 1
    for name, rows in ((a_name, ra), (b_name, rb)):
        ids = [r[0].encode() for r in rows]
        if ids != sorted(ids):
            print(f"{name}: rows are not ordered by customer_id")
            problems += 1
        if len(set(ids)) != len(ids):
            print(f"{name}: customer_id repeats")
            problems += 1
    if len(ra) != len(rb):
        print(f"row count differs: {a_name} {len(ra)}, {b_name} {len(rb)}")
        problems += 1
    by_id = {r[0]: r for r in rb}
    per_col = [0] * len(ha)
    shown = 0
    for r in ra:
        other = by_id.get(r[0])
        if other is None:
            problems += 1
            if shown < show:
                print(f"only in {a_name}: {r[0]}")
                shown += 1
            continue
        for j, (x, y) in enumerate(zip(r, other)):
            if x != y:
                per_col[j] += 1
                problems += 1
                if shown < show:
                    print(f"{r[0]} {ha[j]}: {a_name}={x!r} {b_name}={y!r}")
                    shown += 1
    bad = {ha[j]: n for j, n in enumerate(per_col) if n}
    if bad:
        print(f"differing cells by column: {bad}")
    print(f"compared {len(ra)} rows x {len(ha)} columns of {a_name} and {b_name}: "
          f"{'equal' if problems == 0 else f'{problems} differences'} "
          f"(cells reformatted by normalisation: {a_name} {fa}, {b_name} {fb})")
    return problems


def load_sql():
    text = SQL_PATH.read_text(encoding="utf-8").strip()
    return text[:-1] if text.endswith(";") else text
