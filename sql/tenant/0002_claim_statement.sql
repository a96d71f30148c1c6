-- What the law adds to a debtor's unpaid invoices, in SQL: the same computation as
-- `LegalEngine.claim` in RecouvreCore (see docs/procedure.md), so that a report, a formal
-- notice and the daemon state the same figures.
--
-- The migrator replaces @schema@ with the quoted schema name and @slug@ with the tenant slug
-- as a string literal. Functions pin their search_path and qualify every table.

-- The contractual late-payment rate of an invoice (its contract or the general terms of sale),
-- an annual percentage; NULL means the statutory rate, ECB + 10 points. Never applied below
-- 3 × the legal rate (C. com. L441-10 II), and never to a consumer.
ALTER TABLE @schema@.invoices
    ADD COLUMN late_penalty_rate numeric(6, 3)
        CONSTRAINT invoice_late_penalty_rate_above_0_below_100
        CHECK (late_penalty_rate > 0 AND late_penalty_rate < 100);

COMMENT ON COLUMN @schema@.invoices.late_penalty_rate IS
    'Contractual annual late-payment rate in percent; NULL = ECB rate + 10 points. Floored at 3 × the legal rate.';

-- The statutory rates, read from the operator schema. SECURITY DEFINER so that a tenant's roles
-- need no right on the operator schema; it returns published figures and nothing else.
CREATE FUNCTION @schema@.legal_rates()
    RETURNS TABLE (half_year_start date, ecb_rate numeric, legal_rate_consumer_creditor numeric,
                   legal_rate_other_cases numeric)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
    SELECT r.half_year_start, r.ecb_rate, r.legal_rate_consumer_creditor, r.legal_rate_other_cases
    FROM recouvre.legal_rates r
$$;

COMMENT ON FUNCTION @schema@.legal_rates() IS
    'The statutory rates per half-year (recouvre.legal_rates), readable without rights on the operator schema.';

-- The tenant's time zone, which decides the day a journal event happened on. SECURITY DEFINER
-- for the same reason; it reads this tenant's own registry row only.
CREATE FUNCTION @schema@.time_zone() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
    SELECT coalesce((SELECT t.timezone FROM recouvre.tenants t WHERE t.slug = @slug@), 'Europe/Paris')
$$;

COMMENT ON FUNCTION @schema@.time_zone() IS 'The tenant''s IANA time zone (recouvre.tenants.timezone).';

-- Stops a claim statement that reaches a half-year with no rates and none earlier to carry
-- forward (LegalEngine throws MissingLegalRate there too).
CREATE FUNCTION @schema@.missing_legal_rate(half_year_start date) RETURNS numeric
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog AS $$
BEGIN
    RAISE EXCEPTION 'no legal rates for the half-year starting %, and none earlier to carry forward', half_year_start
        USING ERRCODE = 'data_exception',
              HINT = 'Ops add the ECB main refinancing rate in force on that day and the two legal '
                     'interest rates published for that half-year to recouvre.legal_rates.';
END
$$;

-- claim_statement(debtor_id, as_of): per invoice of the debtor due on or before as_of that
-- still owes something at the end of as_of (principal, penalty or indemnity), what is claimed.
--
-- * Payments received after as_of are ignored. Payments naming an invoice pay it; the others
--   are allocated like invoice_balances does (open invoices of the same currency, oldest due
--   date first), taking the pool in received_on order so that each slice keeps its date. A
--   payment received on day p lowers the balance from day p + 1; the balance never goes below 0.
-- * Business debtor: penalties from the day after the due date at the ECB rate + 10 points, or
--   at invoices.late_penalty_rate floored at 3 × the legal rate (other cases) of each half-year;
--   €40 indemnity once the invoice is late. Consumer debtor: interest at the legal rate (other
--   cases) from the day after the earliest 'formal_notice_sent' event of the debtor (its day in
--   the tenant's time zone), none without one; no indemnity.
-- * Interest = Σ over days of balance × rate / 100 / 365, rounded once to the cent, half away
--   from zero. The days come from generate_series: one row per invoice and day late, which is
--   fine for collection-sized ranges (a few thousand days per debtor).
-- * A half-year missing from recouvre.legal_rates uses the latest earlier one and sets
--   rates_carried_forward.
-- * Prescription: 5 years (business) or 2 years (consumer) from the due date, restarted by each
--   acknowledgment made while it runs: a payment allocated to the invoice, a 'promise_made' or
--   'plan_created' event of the debtor, on or before as_of. 29 February + n years = 28 February.
--
-- rates_applied is a jsonb array of the periods that bore interest, split at half-year
-- boundaries and balance changes: {"from", "to", "half_year" ("H2 2025"), "rate", "source"
-- (ecbPlusTenPoints | contractual | contractualFloor | legalRate), "balance", "days",
-- "interest" (rounded to 5 decimals for reading; the penalty rounds the exact sum),
-- "carried_forward"}.
--
-- SECURITY INVOKER: the caller needs SELECT on debtors, invoices, payments and events of this
-- schema, as for reading them directly; the rates and time zone come from the helpers above.
CREATE FUNCTION @schema@.claim_statement(debtor_id bigint, as_of date DEFAULT current_date)
    RETURNS TABLE (
        invoice_id             bigint,
        number                 text,
        currency               text,
        due_on                 date,
        principal_outstanding  numeric(14, 2),
        days_late              integer,
        rates_applied          jsonb,
        penalty                numeric(14, 2),
        indemnity              numeric(14, 2),
        total                  numeric(14, 2),
        prescription_ends_on   date,
        rates_carried_forward  boolean
    )
    LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
WITH debtor AS (
    SELECT d.id, d.kind = 'consumer' AS consumer,
           make_interval(years => CASE WHEN d.kind = 'consumer' THEN 2 ELSE 5 END) AS prescription
    FROM @schema@.debtors d
    WHERE d.id = claim_statement.debtor_id
), rates AS MATERIALIZED (
    SELECT lr.half_year_start, lr.ecb_rate, lr.legal_rate_other_cases FROM @schema@.legal_rates() lr
), tz AS (
    SELECT @schema@.time_zone() AS name
), notice AS (
    SELECT min((e.occurred_at AT TIME ZONE tz.name)::date) AS day
    FROM @schema@.events e, tz
    WHERE e.debtor_id = claim_statement.debtor_id AND e.kind = 'formal_notice_sent'
), promises AS (
    SELECT DISTINCT (e.occurred_at AT TIME ZONE tz.name)::date AS day
    FROM @schema@.events e, tz
    WHERE e.debtor_id = claim_statement.debtor_id AND e.kind IN ('promise_made', 'plan_created')
      AND (e.occurred_at AT TIME ZONE tz.name)::date <= claim_statement.as_of
), pay AS (
    SELECT p.id, p.invoice_id, p.currency, p.amount, p.received_on
    FROM @schema@.payments p
    WHERE p.debtor_id = claim_statement.debtor_id AND p.received_on <= claim_statement.as_of
), direct AS (
    SELECT pay.invoice_id, sum(pay.amount) AS paid FROM pay WHERE pay.invoice_id IS NOT NULL GROUP BY pay.invoice_id
), open_after_direct AS (
    SELECT i.id, i.currency, greatest(i.amount - coalesce(direct.paid, 0), 0) AS open
    FROM @schema@.invoices i LEFT JOIN direct ON direct.invoice_id = i.id
    WHERE i.debtor_id = claim_statement.debtor_id
), capacity AS (
    -- Each invoice takes the slice [open_before, open_before + open) of its currency's pool.
    SELECT o.id, o.currency, o.open,
           coalesce(sum(o.open) OVER (PARTITION BY o.currency ORDER BY i.due_on, i.id
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS open_before
    FROM open_after_direct o JOIN @schema@.invoices i ON i.id = o.id
), pool AS (
    SELECT pay.currency, pay.amount, pay.received_on,
           coalesce(sum(pay.amount) OVER (PARTITION BY pay.currency ORDER BY pay.received_on, pay.id
                                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS pool_before
    FROM pay WHERE pay.invoice_id IS NULL
), movements AS (
    -- Every dated amount that lowers an invoice's balance.
    SELECT pay.invoice_id, pay.received_on AS day, pay.amount FROM pay WHERE pay.invoice_id IS NOT NULL
    UNION ALL
    SELECT c.id, pool.received_on,
           least(c.open_before + c.open, pool.pool_before + pool.amount) - greatest(c.open_before, pool.pool_before)
    FROM capacity c JOIN pool ON pool.currency = c.currency
    WHERE least(c.open_before + c.open, pool.pool_before + pool.amount) > greatest(c.open_before, pool.pool_before)
), invoice AS (
    SELECT i.id, i.number, i.currency, i.due_on, i.amount, i.late_penalty_rate,
           greatest(i.amount - coalesce((SELECT sum(m.amount) FROM movements m WHERE m.invoice_id = i.id), 0), 0)
               AS principal,
           greatest(i.amount - coalesce((SELECT sum(m.amount) FROM movements m
                                         WHERE m.invoice_id = i.id AND m.day <= i.due_on), 0), 0) AS balance_at_due,
           -- The first day whose end leaves nothing owed: the last day that bears interest.
           (SELECT min(m.day) FROM (SELECT DISTINCT m1.day FROM movements m1 WHERE m1.invoice_id = i.id) m
            WHERE i.amount <= (SELECT sum(m2.amount) FROM movements m2 WHERE m2.invoice_id = i.id AND m2.day <= m.day))
               AS settled_on,
           CASE WHEN debtor.consumer
                THEN CASE WHEN notice.day IS NULL THEN NULL ELSE greatest(i.due_on + 1, notice.day + 1) END
                ELSE i.due_on + 1 END AS interest_from
    FROM @schema@.invoices i, debtor, notice
    WHERE i.debtor_id = claim_statement.debtor_id AND i.due_on <= claim_statement.as_of
), day_rate AS (
    SELECT inv.id AS invoice_id, series.at::date AS day,
           greatest(inv.amount - coalesce((SELECT sum(m.amount) FROM movements m
                                           WHERE m.invoice_id = inv.id AND m.day < series.at::date), 0), 0) AS balance,
           half.start AS half_start, r.ecb_rate, r.legal_rate_other_cases, r.half_year_start <> half.start AS carried,
           inv.late_penalty_rate
    FROM invoice inv
    CROSS JOIN LATERAL generate_series(inv.interest_from,
                                       least(claim_statement.as_of, coalesce(inv.settled_on, claim_statement.as_of)),
                                       interval '1 day') AS series (at)
    CROSS JOIN LATERAL (SELECT make_date(extract(year FROM series.at)::int, CASE WHEN extract(month FROM series.at) <= 6 THEN 1 ELSE 7 END, 1)
                        AS start) half
    LEFT JOIN LATERAL (SELECT rates.* FROM rates WHERE rates.half_year_start <= half.start
                       ORDER BY rates.half_year_start DESC LIMIT 1) r ON true
    WHERE inv.interest_from IS NOT NULL
), day_interest AS (
    SELECT dr.invoice_id, dr.day, dr.balance, dr.half_start, dr.carried, rated.rate, rated.source
    FROM day_rate dr, debtor
    CROSS JOIN LATERAL (
        SELECT CASE WHEN dr.ecb_rate IS NULL THEN @schema@.missing_legal_rate(dr.half_start)
                    WHEN debtor.consumer THEN dr.legal_rate_other_cases
                    WHEN dr.late_penalty_rate IS NULL THEN dr.ecb_rate + 10
                    ELSE greatest(dr.late_penalty_rate, 3 * dr.legal_rate_other_cases) END AS rate,
               CASE WHEN debtor.consumer THEN 'legalRate'
                    WHEN dr.late_penalty_rate IS NULL THEN 'ecbPlusTenPoints'
                    WHEN dr.late_penalty_rate >= 3 * dr.legal_rate_other_cases THEN 'contractual'
                    ELSE 'contractualFloor' END AS source) rated
    WHERE dr.balance > 0
), periods AS (
    -- The balance only falls, so each (half-year, balance) pair is one run of consecutive days.
    SELECT di.invoice_id, min(di.day) AS from_day, max(di.day) AS to_day, di.half_start, di.rate, di.source,
           di.balance, count(*) AS days, sum(di.balance * di.rate) AS rate_days, bool_or(di.carried) AS carried
    FROM day_interest di
    GROUP BY di.invoice_id, di.half_start, di.balance, di.rate, di.source
), per_invoice AS (
    SELECT p.invoice_id,
           round(sum(p.rate_days) / 36500.000000000000000000, 2) AS penalty,
           bool_or(p.carried) AS carried,
           jsonb_agg(jsonb_build_object(
               'from', p.from_day, 'to', p.to_day,
               'half_year', 'H' || CASE WHEN extract(month FROM p.half_start) = 1 THEN '1' ELSE '2' END
                            || ' ' || extract(year FROM p.half_start)::text,
               'rate', p.rate, 'source', p.source, 'balance', p.balance, 'days', p.days,
               'interest', round(p.rate_days / 36500.000000000000000000, 5),
               'carried_forward', p.carried) ORDER BY p.from_day) AS periods
    FROM periods p
    GROUP BY p.invoice_id
), claim AS (
    SELECT inv.id, inv.number, inv.currency, inv.due_on, inv.principal,
           CASE WHEN claim_statement.as_of > inv.due_on AND inv.balance_at_due > 0
                THEN (CASE WHEN inv.settled_on > inv.due_on THEN least(inv.settled_on, claim_statement.as_of)
                           ELSE claim_statement.as_of END) - inv.due_on
                ELSE 0 END AS days_late,
           coalesce(pi.periods, '[]'::jsonb) AS periods,
           coalesce(pi.penalty, 0) AS penalty,
           coalesce(pi.carried, false) AS carried,
           inv.due_on + debtor.prescription AS first_end,
           debtor.consumer, debtor.prescription
    FROM invoice inv CROSS JOIN debtor LEFT JOIN per_invoice pi ON pi.invoice_id = inv.id
), priced AS (
    SELECT c.*, CASE WHEN NOT c.consumer AND c.days_late > 0 THEN 40.00 ELSE 0.00 END AS indemnity
    FROM claim c
)
SELECT pr.id, pr.number, pr.currency, pr.due_on,
       pr.principal::numeric(14, 2),
       pr.days_late::integer,
       pr.periods,
       pr.penalty::numeric(14, 2),
       pr.indemnity::numeric(14, 2),
       (pr.principal + pr.penalty + CASE WHEN pr.currency = 'EUR' THEN pr.indemnity ELSE 0 END)::numeric(14, 2),
       (WITH RECURSIVE chain(ends_on) AS (
            SELECT (pr.due_on + pr.prescription)::date
            UNION ALL
            -- An acknowledgment made while the period runs starts a new one from its own date.
            SELECT (ack.day + pr.prescription)::date
            FROM chain
            CROSS JOIN LATERAL (
                SELECT max(a.day) AS day FROM (
                    SELECT m.day FROM movements m WHERE m.invoice_id = pr.id
                    UNION ALL SELECT promises.day FROM promises) a
                WHERE a.day <= chain.ends_on) ack
            WHERE (ack.day + pr.prescription)::date > chain.ends_on)
        SELECT max(chain.ends_on) FROM chain),
       pr.carried
FROM priced pr
WHERE pr.principal > 0 OR pr.penalty > 0 OR pr.indemnity > 0
ORDER BY pr.due_on, pr.id
$$;

COMMENT ON FUNCTION @schema@.claim_statement(bigint, date) IS
    'Per unpaid or late invoice of the debtor: principal, days late, rates applied, penalty, €40 indemnity, total and prescription date as of a day (docs/sql-api.md).';
