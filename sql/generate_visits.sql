-- Synthetic visit line items for the scale test (DuckDB only: range, hash).
-- Not part of the product query; tests/warehouse/generate_visits.py wraps it
-- in COPY ... TO 'file.parquet'. Reads a one-row table
--   gen(customers BIGINT, max_rows BIGINT)
-- and returns rows with the columns customer_summary.sql reads. Deterministic:
-- every value is a hash of (customer, row), so the same parameters give the
-- same rows.
--
-- Each customer has 1-12 rows (mean 6.5); rows j of a customer fall on
-- visit floor(j * 0.8), so one row in five is a second line item of a visit.
-- Visits are 45-345 days apart plus up to 29 days of jitter, from a first
-- visit between 2016-01-01 and 2025-12-31; the later ones run past the
-- as-of date 2025-12-31 (and are ignored by the summary). 1% of rows are
-- refunds, 30% carry a 0-10 score, 2% a complaint, 10% a campaign; 70% of
-- customers have a delivery date up to 400 days before their first visit;
-- 40 stores. Rows are cut at max_rows (the tail customers lose their rows).
WITH c AS (
  SELECT i AS cust,
    1 + hash(i, 1) % 12 AS n_rows,
    DATE '2016-01-01' + CAST(hash(i, 2) % 3653 AS INTEGER) AS first_date,
    45 + CAST(hash(i, 3) % 301 AS INTEGER) AS gap,
    hash(i, 4) % 10 < 7 AS has_delivery,
    CAST(hash(i, 5) % 400 AS INTEGER) AS delivered_before,
    'S' || lpad(CAST(hash(i, 6) % 40 AS VARCHAR), 2, '0') AS home_store
  FROM range(0, (SELECT customers FROM gen)) t(i)
),
c2 AS (
  SELECT *, SUM(n_rows) OVER (ORDER BY cust ROWS UNBOUNDED PRECEDING) - n_rows AS rows_before
  FROM c
),
numbered AS (
  SELECT cust, j, first_date, gap, has_delivery, delivered_before, home_store,
    CAST(floor(j * 0.8) AS INTEGER) AS visit_no,
    hash(cust * 16 + j, 7) AS h,
    rows_before + j + 1 AS line_no
  FROM c2, range(0, 12) s(j)
  WHERE j < n_rows AND rows_before + j + 1 <= (SELECT max_rows FROM gen)
)
SELECT
  'C' || lpad(CAST(cust AS VARCHAR), 9, '0') AS customer_id,
  first_date + visit_no * gap + CAST(hash(cust, visit_no, 8) % 30 AS INTEGER) AS visit_date,
  CAST(CASE WHEN h % 100 = 0 THEN -1 ELSE 1 END * (50 + CAST(h % 300000 AS BIGINT)) / 100.0
       AS DECIMAL(18,2)) AS amount,
  CASE WHEN (h >> 8) % 10 = 0 THEN 'camp' || CAST((h >> 12) % 8 AS VARCHAR) END AS campaign,
  CASE WHEN (h >> 16) % 10 = 0 THEN 'S' || lpad(CAST((h >> 20) % 40 AS VARCHAR), 2, '0')
       ELSE home_store END AS store,
  CASE WHEN has_delivery THEN first_date - delivered_before END AS delivery_date,
  CASE WHEN (h >> 24) % 10 < 3 THEN CAST((h >> 28) % 11 AS DOUBLE) END AS nps,
  CASE WHEN (h >> 32) % 50 = 0 THEN TRUE END AS complaint,
  line_no
FROM numbered
