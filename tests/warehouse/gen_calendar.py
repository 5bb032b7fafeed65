#!/usr/bin/env python3
"""Writes the calendar fixture: one customer per day from 1950-01-01 to
2100-12-31 (the app's date range), each with a first visit that day and a
second visit 1-4000 days later (gap = 1 + (i * 7919) mod 4000). At as-of
2111-12-31, t_cal checks the query's day number of every date, t_x every
gap length and litt ln(gap) for gaps 1-4000, in each engine.

  gen_calendar.py OUT.csv      (then: --as-of 2111-12-31)
"""

import sys
from datetime import date, timedelta

AS_OF = "2111-12-31"


def main(out):
    start, end = date(1950, 1, 1), date(2100, 12, 31)
    with open(out, "w", encoding="utf-8") as f:
        f.write("customer_id,visit_date,amount\n")
        for i in range((end - start).days + 1):
            d = start + timedelta(days=i)
            gap = 1 + (i * 7919) % 4000
            f.write(f"D{i:05d},{d.isoformat()},1.00\n")
            f.write(f"D{i:05d},{(d + timedelta(days=gap)).isoformat()},2.00\n")


if __name__ == "__main__":
    main(sys.argv[1])
