"""Reference implementation of the customer summary in plain Python, from
the raw visits CSV, written after the Rust code rather than the SQL:
src/domain/customer.rs (CustomerStats), kpi.rs (retention, churn, first
maintenance, wake-up, NPS), lifecycle.rs (tenure) and value/history.rs
(x, t_x, T, mean repeat spend, litt). Dates become day counts with
date.toordinal(), money is integer fen, scores are Decimals.

Used by run_duckdb.py --check to assert the SQL's output cell by cell.
"""

import csv
import math
from datetime import date
from decimal import Decimal, ROUND_HALF_UP

from common import COMPLAINT_NO, NAMES, Q2, map_header


def parse_date(text):
    s = text.strip()
    if not s:
        return None
    s = s.split(" ")[0].split("T")[0]
    for sep in "-/.":
        parts = s.split(sep)
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
    return None


def parse_fen(text):
    """Amount in fen, rounded half away from zero at the third decimal."""
    s = text.strip().replace(",", "").replace("¥", "").replace("￥", "")
    if not s:
        return None
    d = Decimal(s).quantize(Q2, rounding=ROUND_HALF_UP)
    return int(d * 100)


def parse_score(text):
    s = text.strip().rstrip("分%")
    if not s:
        return None
    try:
        v = Decimal(s)
    except ArithmeticError:
        return None
    return v.quantize(Q2, rounding=ROUND_HALF_UP) if 0 <= v <= 100 else None


def parse_complaint(text):
    s = text.strip()
    if not s:
        return None
    return not any(s.lower() == w.lower() for w in COMPLAINT_NO)


def read_rows(path):
    """Rows as tuples (customer, date, fen, store, delivery, score, complaint,
    line_no); line_no counts data rows from 1 in file order."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rd = csv.reader(f)
        cols = map_header(next(rd))
        get = {k: (lambda rec, i=i: rec[i] if i < len(rec) else "") for k, i in cols.items()}
        blank = lambda rec: ""  # noqa: E731
        for k in ("store", "delivery_date", "nps", "complaint"):
            get.setdefault(k, blank)
        dates = {}
        for line_no, rec in enumerate(rd, start=1):
            cust = get["customer_id"](rec).strip()
            dtext = get["visit_date"](rec)
            if dtext not in dates:
                dates[dtext] = parse_date(dtext)
            d = dates[dtext]
            fen = parse_fen(get["amount"](rec))
            if not cust or d is None or fen is None:
                continue
            store = get["store"](rec).strip() or None
            dl = get["delivery_date"](rec)
            if dl not in dates:
                dates[dl] = parse_date(dl)
            yield (cust, d, fen, store, dates[dl], parse_score(get["nps"](rec)),
                   parse_complaint(get["complaint"](rec)), line_no)


def money(fen):
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def ln9(days):
    """ln(days) rounded to 9 places, as CAST(LN(g) AS DECIMAL(18,9))."""
    return Decimal(repr(math.log(days))).quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP)


def summarise(rows, as_of, use_line_no=True):
    """{customer_id: {column: canonical string}} at as_of. Without line
    numbers, rows of one date tie and the lowest score / store name wins."""
    by_cust = {}
    for r in rows:
        if r[1] <= as_of:
            by_cust.setdefault(r[0], []).append(r)
    t = as_of.toordinal()
    year_ago = t - 365
    two_years_ago = t - 730
    out = {}
    for cust, rs in by_cust.items():
        # Date order; rows of one date in file order (a stable sort), as
        # customer.rs reads them.
        rs.sort(key=lambda r: (r[1], r[7]))
        visits = []  # [day, fen]
        for r in rs:
            day = r[1].toordinal()
            if visits and visits[-1][0] == day:
                visits[-1][1] += r[2]
            else:
                visits.append([day, r[2]])
        days = [v[0] for v in visits]
        first, last = days[0], days[-1]
        in_year = [v for v in visits if v[0] > year_ago]
        delivery = min((r[4] for r in rs if r[4] is not None), default=None)
        # Latest score: the last scored row in (date, file) order; without
        # line numbers, the lowest score of the latest scored date.
        scored = [r for r in rs if r[5] is not None]
        latest = None
        if scored:
            if use_line_no:
                latest = scored[-1][5]
            else:
                top = scored[-1][1]
                latest = min(r[5] for r in scored if r[1] == top)
        stored = [r for r in rs if r[3] is not None]
        store = None
        if stored:
            if use_line_no:
                store = stored[-1][3]
            else:
                top = stored[-1][1]
                store = min((r[3] for r in stored if r[1] == top), key=lambda s: s.encode())
        complaints = [r[6] for r in rs if r[6] is not None]
        before = [d for d in days if d <= year_ago]
        back = next((d for d in days if d > year_ago), None)
        x = len(visits) - 1
        repeat_fen = sum(v[1] for v in visits[1:])
        if x > 0:
            q = Decimal(repeat_fen) / Decimal(x)
            mean = money(int(q.quantize(Decimal(1), rounding=ROUND_HALF_UP)))
        else:
            mean = ""
        litt = sum((ln9(b - a) for a, b in zip(days, days[1:])), Decimal(0))
        litt_before = sum((ln9(b - a) for a, b in zip(days, days[1:]) if b <= year_ago),
                          Decimal(0))
        if delivery is not None:
            dd = delivery.toordinal()
            after = [d for d in days if d >= dd]
            arrived = any(d - dd <= 90 for d in after)
            tenure_start = min(dd, first)
        else:
            after, arrived, tenure_start = [], None, first
        year_scores = [r[5] for r in rs if r[5] is not None and r[1].toordinal() > year_ago]
        iso = lambda d: date.fromordinal(d).isoformat() if d is not None else ""  # noqa: E731
        b = lambda v: "" if v is None else ("true" if v else "false")  # noqa: E731
        row = {
            "customer_id": cust,
            "as_of": as_of.isoformat(),
            "first_visit": iso(first),
            "second_visit": iso(days[1]) if x > 0 else "",
            "last_visit": iso(last),
            "recency_days": str(t - last),
            "tenure_days": str(t - tenure_start),
            "frequency": str(len(visits)),
            "monetary": money(sum(v[1] for v in visits)),
            "visits_12m": str(len(in_year)),
            "spend_12m": money(sum(v[1] for v in in_year)),
            "visited_prev_year": b(any(two_years_ago < d <= year_ago for d in days)),
            "visited_last_year": b(bool(in_year)),
            "last_visit_before_12m": iso(before[-1]) if before else "",
            "first_visit_12m": iso(back),
            "first_visit_12m_repeat_90d": "" if back is None else b(
                any(back < d <= back + 90 for d in days)),
            "x": str(x),
            "t_x": str(last - first),
            "t_cal": str(t - first),
            "repeat_spend": money(repeat_fen),
            "mean_repeat_spend": mean,
            "litt": str(litt.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)),
            "litt_before_12m": str(litt_before.quantize(Decimal("0.000001"),
                                                        rounding=ROUND_HALF_UP)),
            "delivery_date": delivery.isoformat() if delivery else "",
            "first_visit_after_delivery": iso(after[0]) if after else "",
            "delivery_visit_90d": b(arrived),
            "latest_score": "" if latest is None else str(latest),
            "score_max": str(max(r[5] for r in scored)) if scored else "",
            "scores_12m": str(len(year_scores)),
            "promoters_12m": str(sum(s >= 9 for s in year_scores)),
            "detractors_12m": str(sum(s <= 6 for s in year_scores)),
            "complaint": b(any(complaints)) if complaints else "",
            "store": store or "",
        }
        assert list(row) == NAMES
        out[cust] = row
    return out
