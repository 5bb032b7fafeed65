-- Panorama customer summary: one row per customer at the as-of date T.
--
-- Portable SQL: no vendor extensions. Known to run unmodified, with
-- identical rows, on DuckDB 2.0 (Python package duckdb) and Spark SQL 4.3
-- (pyspark, local mode, ANSI mode on, the default): tests/warehouse/
-- check_all.py and scripts/warehouse-check.sh. Written to run on PostgreSQL
-- as well (only standard functions: EXTRACT, FLOOR, LN, CASE, COALESCE,
-- window functions, a named WINDOW); not tested there (no server here).
--
-- Input
--   visits(customer_id, visit_date DATE, amount DECIMAL(18,2),
--          store, delivery_date DATE, nps numeric, complaint BOOLEAN, line_no)
--     one row per line item. customer_id, visit_date, amount are required;
--     the rest may be NULL. A table without them gets them from a view:
--       CREATE VIEW visits AS SELECT cust AS customer_id, dt AS visit_date,
--         amt AS amount, CAST(NULL AS VARCHAR(100)) AS store,
--         CAST(NULL AS DATE) AS delivery_date, CAST(NULL AS DECIMAL(9,2)) AS nps,
--         CAST(NULL AS BOOLEAN) AS complaint, CAST(NULL AS BIGINT) AS line_no
--       FROM service_lines;
--     (Spark: STRING for VARCHAR(100).) line_no orders the rows of one
--     customer-date (file line, order-line id, timestamp); it only breaks
--     ties for latest_score and store and may be NULL.
--   params(as_of DATE): one row, the as-of date T.
--
-- Rules (DOMAIN §2, §5, §9; src/domain/customer.rs, kpi.rs, value/history.rs)
--   * rows dated after T are ignored; rows missing customer/date/amount too;
--   * a visit is a distinct (customer, date); line amounts of it add up;
--   * "12m"/"last year" = (T-365, T]; "prev year" = (T-730, T-365];
--   * day counts are whole days (dates are turned into day numbers with the
--     civil-calendar formula, as date differences are not portable).
-- Every column is described in sql/README.md.
WITH p AS (
  SELECT as_of, CAST(
      365 * cy + FLOOR(cy / 4) - FLOOR(cy / 100) + FLOOR(cy / 400)
      + FLOOR((153 * cm + 2) / 5) + dom AS INTEGER) AS t
  FROM (
    SELECT as_of,
      EXTRACT(YEAR FROM as_of)
        - CASE WHEN EXTRACT(MONTH FROM as_of) <= 2 THEN 1 ELSE 0 END AS cy,
      CASE WHEN EXTRACT(MONTH FROM as_of) > 2 THEN EXTRACT(MONTH FROM as_of) - 3
           ELSE EXTRACT(MONTH FROM as_of) + 9 END AS cm,
      EXTRACT(DAY FROM as_of) AS dom
    FROM (SELECT CAST(as_of AS DATE) AS as_of FROM params) p0
  ) p1
),
r AS (  -- line items on or before T
  SELECT v.customer_id, CAST(v.visit_date AS DATE) AS visit_date,
    CAST(v.amount AS DECIMAL(18,2)) AS amount, v.store,
    CAST(v.delivery_date AS DATE) AS delivery_date,
    CAST(v.nps AS DECIMAL(9,2)) AS nps, v.complaint, v.line_no
  FROM visits v CROSS JOIN p
  WHERE v.customer_id IS NOT NULL AND v.visit_date IS NOT NULL
    AND v.amount IS NOT NULL AND CAST(v.visit_date AS DATE) <= p.as_of
),
v0 AS (  -- one row per visit (customer, date)
  SELECT customer_id, visit_date,
    CAST(SUM(amount) AS DECIMAL(18,2)) AS total,
    MIN(delivery_date) AS delivery,
    COUNT(nps) AS scores,
    COUNT(store) AS stores,
    SUM(CASE WHEN nps >= 9 THEN 1 ELSE 0 END) AS promoters,
    SUM(CASE WHEN nps <= 6 THEN 1 ELSE 0 END) AS detractors,
    MAX(nps) AS top_score,
    MAX(CASE WHEN complaint THEN 1 WHEN NOT complaint THEN 0 END) AS complained,
    EXTRACT(YEAR FROM visit_date)
      - CASE WHEN EXTRACT(MONTH FROM visit_date) <= 2 THEN 1 ELSE 0 END AS cy,
    CASE WHEN EXTRACT(MONTH FROM visit_date) > 2 THEN EXTRACT(MONTH FROM visit_date) - 3
         ELSE EXTRACT(MONTH FROM visit_date) + 9 END AS cm,
    EXTRACT(DAY FROM visit_date) AS dom
  FROM r
  GROUP BY customer_id, visit_date
),
v1 AS (
  SELECT customer_id, visit_date, total, delivery, scores, stores, promoters,
    detractors, top_score, complained,
    CAST(365 * cy + FLOOR(cy / 4) - FLOOR(cy / 100) + FLOOR(cy / 400)
         + FLOOR((153 * cm + 2) / 5) + dom AS INTEGER) AS dn
  FROM v0
),
vn AS (  -- visits in date order, with their neighbours
  SELECT v1.*,
    ROW_NUMBER() OVER w AS k,
    LAG(dn) OVER w AS prev_dn,
    LEAD(dn) OVER w AS next_dn,
    MIN(delivery) OVER (PARTITION BY customer_id ORDER BY visit_date
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS cust_delivery
  FROM v1
  WINDOW w AS (PARTITION BY customer_id ORDER BY visit_date)
),
c AS (  -- per customer
  SELECT customer_id,
    MIN(visit_date) AS first_visit,
    MIN(CASE WHEN k = 2 THEN visit_date END) AS second_visit,
    MAX(visit_date) AS last_visit,
    MIN(dn) AS first_dn,
    MAX(dn) AS last_dn,
    COUNT(*) AS frequency,
    SUM(total) AS monetary,
    SUM(CASE WHEN dn > t - 365 THEN 1 ELSE 0 END) AS visits_12m,
    SUM(CASE WHEN dn > t - 365 THEN total ELSE 0 END) AS spend_12m,
    MAX(CASE WHEN dn > t - 730 AND dn <= t - 365 THEN 1 ELSE 0 END) AS prev_year,
    MAX(CASE WHEN dn <= t - 365 THEN visit_date END) AS last_visit_before_12m,
    MIN(CASE WHEN dn > t - 365 THEN visit_date END) AS first_visit_12m,
    MAX(CASE WHEN dn > t - 365 AND (prev_dn IS NULL OR prev_dn <= t - 365)
             THEN CASE WHEN next_dn - dn <= 90 THEN 1 ELSE 0 END END) AS first_12m_repeat,
    SUM(CASE WHEN k > 1 THEN total ELSE 0 END) AS repeat_spend,
    SUM(CASE WHEN k > 1 THEN CAST(LN(dn - prev_dn) AS DECIMAL(18,9)) ELSE 0 END) AS litt,
    SUM(CASE WHEN k > 1 AND dn <= t - 365
             THEN CAST(LN(dn - prev_dn) AS DECIMAL(18,9)) ELSE 0 END) AS litt_before_12m,
    MIN(delivery) AS delivery_date,
    MIN(CASE WHEN visit_date >= cust_delivery THEN visit_date END) AS first_after_delivery,
    MIN(CASE WHEN visit_date >= cust_delivery THEN dn END) AS first_after_delivery_dn,
    MAX(top_score) AS score_max,
    SUM(CASE WHEN dn > t - 365 THEN scores ELSE 0 END) AS scores_12m,
    SUM(CASE WHEN dn > t - 365 THEN promoters ELSE 0 END) AS promoters_12m,
    SUM(CASE WHEN dn > t - 365 THEN detractors ELSE 0 END) AS detractors_12m,
    MAX(complained) AS complained,
    MAX(CASE WHEN scores > 0 THEN visit_date END) AS last_score_date,
    MAX(CASE WHEN stores > 0 THEN visit_date END) AS last_store_date
  FROM vn CROSS JOIN p
  GROUP BY customer_id
),
cdel0 AS (  -- the delivery date's day number
  SELECT customer_id,
    EXTRACT(YEAR FROM delivery_date)
      - CASE WHEN EXTRACT(MONTH FROM delivery_date) <= 2 THEN 1 ELSE 0 END AS cy,
    CASE WHEN EXTRACT(MONTH FROM delivery_date) > 2 THEN EXTRACT(MONTH FROM delivery_date) - 3
         ELSE EXTRACT(MONTH FROM delivery_date) + 9 END AS cm,
    EXTRACT(DAY FROM delivery_date) AS dom
  FROM c
  WHERE delivery_date IS NOT NULL
),
cdel AS (
  SELECT customer_id,
    CAST(365 * cy + FLOOR(cy / 4) - FLOOR(cy / 100) + FLOOR(cy / 400)
         + FLOOR((153 * cm + 2) / 5) + dom AS INTEGER) AS delivery_dn
  FROM cdel0
),
score_rank AS (  -- latest score: latest date, then last line, then lowest score
  SELECT v.customer_id, CAST(v.nps AS DECIMAL(9,2)) AS nps,
    ROW_NUMBER() OVER (PARTITION BY v.customer_id
      ORDER BY v.line_no DESC NULLS LAST, CAST(v.nps AS DECIMAL(9,2)) ASC) AS rn
  FROM visits v
  JOIN c ON v.customer_id = c.customer_id
    AND CAST(v.visit_date AS DATE) = c.last_score_date
  WHERE v.nps IS NOT NULL AND v.amount IS NOT NULL
),
store_rank AS (  -- store of the latest visit that names one
  SELECT v.customer_id, v.store,
    ROW_NUMBER() OVER (PARTITION BY v.customer_id
      ORDER BY v.line_no DESC NULLS LAST, v.store ASC) AS rn
  FROM visits v
  JOIN c ON v.customer_id = c.customer_id
    AND CAST(v.visit_date AS DATE) = c.last_store_date
  WHERE v.store IS NOT NULL AND v.amount IS NOT NULL
),
fen AS (  -- repeat spend in fen, for an exactly rounded mean
  SELECT customer_id, frequency - 1 AS x,
    CAST(repeat_spend * 100 AS BIGINT) AS repeat_fen
  FROM c
)
SELECT
  c.customer_id,
  p.as_of,
  c.first_visit,
  c.second_visit,
  c.last_visit,
  CAST(p.t - c.last_dn AS INTEGER) AS recency_days,
  CAST(p.t - CASE WHEN cdel.delivery_dn < c.first_dn THEN cdel.delivery_dn
                  ELSE c.first_dn END AS INTEGER) AS tenure_days,
  CAST(c.frequency AS INTEGER) AS frequency,
  CAST(c.monetary AS DECIMAL(18,2)) AS monetary,
  CAST(c.visits_12m AS INTEGER) AS visits_12m,
  CAST(c.spend_12m AS DECIMAL(18,2)) AS spend_12m,
  c.prev_year = 1 AS visited_prev_year,
  c.visits_12m > 0 AS visited_last_year,
  c.last_visit_before_12m,
  c.first_visit_12m,
  c.first_12m_repeat = 1 AS first_visit_12m_repeat_90d,
  CAST(c.frequency - 1 AS INTEGER) AS x,
  CAST(c.last_dn - c.first_dn AS INTEGER) AS t_x,
  CAST(p.t - c.first_dn AS INTEGER) AS t_cal,
  CAST(c.repeat_spend AS DECIMAL(18,2)) AS repeat_spend,
  CASE WHEN fen.x > 0 THEN CAST(
    CAST(CASE WHEN fen.repeat_fen < 0 THEN -1 ELSE 1 END
         * FLOOR((2 * ABS(fen.repeat_fen) + fen.x) / (2 * fen.x)) AS DECIMAL(18,0))
    * 0.01 AS DECIMAL(18,2)) END AS mean_repeat_spend,
  CAST(c.litt AS DECIMAL(18,6)) AS litt,
  CAST(c.litt_before_12m AS DECIMAL(18,6)) AS litt_before_12m,
  c.delivery_date,
  c.first_after_delivery AS first_visit_after_delivery,
  CASE WHEN c.delivery_date IS NOT NULL THEN
    COALESCE(c.first_after_delivery_dn - cdel.delivery_dn <= 90, FALSE) END AS delivery_visit_90d,
  s.nps AS latest_score,
  c.score_max,
  CAST(c.scores_12m AS INTEGER) AS scores_12m,
  CAST(c.promoters_12m AS INTEGER) AS promoters_12m,
  CAST(c.detractors_12m AS INTEGER) AS detractors_12m,
  c.complained = 1 AS complaint,
  st.store
FROM c
CROSS JOIN p
JOIN fen ON fen.customer_id = c.customer_id
LEFT JOIN cdel ON cdel.customer_id = c.customer_id
LEFT JOIN score_rank s ON s.customer_id = c.customer_id AND s.rn = 1
LEFT JOIN store_rank st ON st.customer_id = c.customer_id AND st.rn = 1
ORDER BY c.customer_id
