-- Reporting: how well money comes in. DSO, the collection effectiveness index, what was
-- collected after which stage, promises and plans kept or broken, how far cases go, which
-- messages are followed by payment, disputes, and prescriptions about to end (docs/reporting.md).
--
-- Amounts stay per currency: nothing here adds two currencies together. A timestamp belongs to
-- the day and month it falls on in the tenant's time zone; payments.received_on, reductions.
-- granted_on and invoices.issued_on are already days. "Today" is local_today().

-- ---------------------------------------------------------------------------------------------
-- Balances as they stood on a past day
-- ---------------------------------------------------------------------------------------------

-- invoice_balances with only what had happened by the end of as_of: invoices issued on or
-- before it, payments received and reductions granted on or before it. Allocation follows
-- invoice_balances: reductions and payments naming an invoice first, then the debtor's other
-- payments of the currency to open invoices, oldest due date first.
-- PL/pgSQL so that a call for one debtor is planned with its id (the debtor indexes are used):
-- the channel and dispute reports call it once per debtor and day.
CREATE FUNCTION @schema@.invoice_balances_as_of(as_of date, of_debtor bigint DEFAULT NULL)
    RETURNS TABLE (invoice_id bigint, debtor_id bigint, number text, currency text, issued_on date, due_on date,
                   amount numeric, paid numeric, reduced numeric, outstanding numeric)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
WITH invoice AS (
    SELECT i.id, i.debtor_id, i.number, i.currency, i.issued_on, i.due_on, i.amount
    FROM @schema@.invoices i
    WHERE i.issued_on <= invoice_balances_as_of.as_of
      AND (invoice_balances_as_of.of_debtor IS NULL OR i.debtor_id = invoice_balances_as_of.of_debtor)
), pay AS (
    SELECT p.debtor_id, p.invoice_id, p.currency, p.amount
    FROM @schema@.payments p
    WHERE p.received_on <= invoice_balances_as_of.as_of
      AND (invoice_balances_as_of.of_debtor IS NULL OR p.debtor_id = invoice_balances_as_of.of_debtor)
), direct AS (
    SELECT pay.invoice_id, sum(pay.amount) AS paid FROM pay WHERE pay.invoice_id IS NOT NULL GROUP BY pay.invoice_id
), reduced AS (
    SELECT r.invoice_id, sum(r.amount) AS reduced
    FROM @schema@.reductions r
    WHERE r.granted_on <= invoice_balances_as_of.as_of
      AND (invoice_balances_as_of.of_debtor IS NULL OR r.debtor_id = invoice_balances_as_of.of_debtor)
    GROUP BY r.invoice_id
), pool AS (
    SELECT pay.debtor_id, pay.currency, sum(pay.amount) AS unallocated
    FROM pay WHERE pay.invoice_id IS NULL GROUP BY pay.debtor_id, pay.currency
), after_direct AS (
    SELECT i.*,
           least(coalesce(r.reduced, 0), i.amount) AS reduced,
           least(coalesce(d.paid, 0), i.amount - least(coalesce(r.reduced, 0), i.amount)) AS paid_direct,
           greatest(i.amount - coalesce(r.reduced, 0) - coalesce(d.paid, 0), 0) AS open_after_direct
    FROM invoice i
    LEFT JOIN direct d ON d.invoice_id = i.id
    LEFT JOIN reduced r ON r.invoice_id = i.id
), ordered AS (
    SELECT a.*,
           coalesce(sum(a.open_after_direct) OVER (
               PARTITION BY a.debtor_id, a.currency ORDER BY a.due_on, a.id
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS open_before
    FROM after_direct a
)
SELECT o.id, o.debtor_id, o.number, o.currency, o.issued_on, o.due_on, o.amount::numeric,
       o.paid_direct + least(o.open_after_direct, greatest(coalesce(p.unallocated, 0) - o.open_before, 0)),
       o.reduced,
       o.open_after_direct - least(o.open_after_direct, greatest(coalesce(p.unallocated, 0) - o.open_before, 0))
FROM ordered o
LEFT JOIN pool p ON p.debtor_id = o.debtor_id AND p.currency = o.currency;
END
$$;

COMMENT ON FUNCTION @schema@.invoice_balances_as_of(date, bigint) IS
    'invoice_balances as they stood at the end of as_of: invoices issued, payments received and reductions granted '
    'on or before it (optionally one debtor''s only). Unlike aged_balance, later payments do not count.';

-- The first days of the `count` most recent months, the current one last, with the day each is
-- measured at: its last day, or `today` for the current month.
CREATE FUNCTION @schema@.report_months(today date, count integer DEFAULT 12)
    RETURNS TABLE (month date, month_end date)
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
    SELECT m.start::date, least((m.start + interval '1 month')::date - 1, report_months.today)
    FROM generate_series(date_trunc('month', report_months.today::timestamp) - make_interval(months => report_months.count - 1),
                         date_trunc('month', report_months.today::timestamp), interval '1 month') AS m (start)
$$;

COMMENT ON FUNCTION @schema@.report_months(date, integer) IS
    'The count most recent months up to today''s: first day and the day measured (last day, or today for the current month).';

-- ---------------------------------------------------------------------------------------------
-- 1. Days sales outstanding, countback method
-- ---------------------------------------------------------------------------------------------

-- Per currency: what was owed at the end of as_of (invoice_balances_as_of: a payment received
-- after as_of still counts as owed), then, walking back from as_of's month one month at a time,
-- the sales (amounts of invoices issued) of each month are taken off it. A month whose sales
-- are all taken counts its days; the month where the balance runs out counts the share left
-- (left / its sales × its days). The month of as_of is measured from its first day to as_of.
CREATE FUNCTION @schema@.dso_countback(as_of date)
    RETURNS TABLE (currency text, receivables numeric, dso_days numeric)
    LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
WITH owed AS (
    SELECT b.currency, sum(b.outstanding) AS receivables, min(b.issued_on) AS first_issued
    FROM @schema@.invoice_balances_as_of(dso_countback.as_of) b
    GROUP BY b.currency
), months AS (
    SELECT o.currency, o.receivables, m.start::date AS start,
           least((m.start + interval '1 month')::date - 1, dso_countback.as_of) AS stop
    FROM owed o
    CROSS JOIN LATERAL generate_series(date_trunc('month', dso_countback.as_of::timestamp),
                                       date_trunc('month', o.first_issued::timestamp), interval '-1 month') AS m (start)
), monthly AS (
    SELECT i.currency, date_trunc('month', i.issued_on::timestamp)::date AS start, sum(i.amount) AS sales
    FROM @schema@.invoices i
    WHERE i.issued_on <= dso_countback.as_of
    GROUP BY 1, 2
), sales AS (
    SELECT m.*, m.stop - m.start + 1 AS days, coalesce(s.sales, 0) AS sales
    FROM months m LEFT JOIN monthly s ON s.currency = m.currency AND s.start = m.start
), walked AS (
    -- sales_after: the sales of the more recent months, already taken off.
    SELECT s.*, coalesce(sum(s.sales) OVER (PARTITION BY s.currency ORDER BY s.start DESC
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS sales_after
    FROM sales s
)
SELECT w.currency, w.receivables,
       round(sum(CASE WHEN w.sales_after >= w.receivables THEN 0
                      WHEN w.sales_after + w.sales <= w.receivables THEN w.days
                      ELSE (w.receivables - w.sales_after) / w.sales * w.days END), 1)
FROM walked w
GROUP BY w.currency, w.receivables
ORDER BY w.currency
$$;

COMMENT ON FUNCTION @schema@.dso_countback(date) IS
    'Days sales outstanding per currency at the end of as_of, countback method: the receivables then, covered by '
    'the sales of as_of''s month and the months before it, counted in days; 1 decimal.';

CREATE FUNCTION @schema@.dso_by_month_as_of(today date)
    RETURNS TABLE (month date, month_end date, currency text, receivables numeric, dso_days numeric)
    LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    SELECT m.month, m.month_end, d.currency, d.receivables, d.dso_days
    FROM @schema@.report_months(dso_by_month_as_of.today) m
    CROSS JOIN LATERAL @schema@.dso_countback(m.month_end) d
    ORDER BY m.month, d.currency
$$;

COMMENT ON FUNCTION @schema@.dso_by_month_as_of(date) IS
    'dso_countback at the end of each of the 12 months up to today''s month (that one measured at today).';

CREATE VIEW @schema@.dso_by_month AS
    SELECT * FROM @schema@.dso_by_month_as_of(@schema@.local_today());

COMMENT ON VIEW @schema@.dso_by_month IS
    'DSO (countback) per currency at each of the 12 most recent month ends, the current month at today.';

-- ---------------------------------------------------------------------------------------------
-- 2. Collection effectiveness index
-- ---------------------------------------------------------------------------------------------

-- Per month and currency: owed at the end of the day before the month (opening), issued during
-- it (invoiced), owed at its end (closing; today for the current month), and the part of that
-- not yet due (closing_current: due on the month end or later, as aged_balance's not_yet_due).
-- Reductions and credit notes lower the closing balance like payments.
CREATE FUNCTION @schema@.collection_effectiveness_by_month_as_of(today date)
    RETURNS TABLE (month date, currency text, opening_receivables numeric, invoiced numeric,
                   closing_receivables numeric, closing_current numeric, cei_percent numeric)
    LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
WITH months AS (
    SELECT * FROM @schema@.report_months(collection_effectiveness_by_month_as_of.today)
), balance AS (
    -- Each month opens with the balance the month before closed with: one computation per day.
    SELECT d.day, b.currency, sum(b.outstanding) AS total,
           coalesce(sum(b.outstanding) FILTER (WHERE b.due_on >= d.day), 0.00) AS current
    FROM (SELECT m.month_end AS day FROM months m UNION SELECT min(m.month) - 1 FROM months m) d
    CROSS JOIN LATERAL @schema@.invoice_balances_as_of(d.day) b
    GROUP BY d.day, b.currency
), closing AS (
    SELECT m.month, b.currency, b.total, b.current FROM months m JOIN balance b ON b.day = m.month_end
), opening AS (
    SELECT m.month, b.currency, b.total FROM months m JOIN balance b ON b.day = m.month - 1
), invoiced AS (
    SELECT m.month, i.currency, sum(i.amount) AS total
    FROM months m JOIN @schema@.invoices i ON i.issued_on BETWEEN m.month AND m.month_end
    GROUP BY m.month, i.currency
), figures AS (
    -- Every invoice of opening or invoiced is also in closing (issued by the month end).
    SELECT c.month, c.currency, coalesce(o.total, 0.00) AS opening, coalesce(i.total, 0.00) AS invoiced,
           c.total AS closing, c.current
    FROM closing c
    LEFT JOIN opening o ON o.month = c.month AND o.currency = c.currency
    LEFT JOIN invoiced i ON i.month = c.month AND i.currency = c.currency
)
SELECT f.month, f.currency, f.opening, f.invoiced, f.closing, f.current,
       CASE WHEN f.opening + f.invoiced - f.current = 0 THEN NULL
            ELSE round(100 * (f.opening + f.invoiced - f.closing) / (f.opening + f.invoiced - f.current), 1) END
FROM figures f
ORDER BY f.month, f.currency
$$;

COMMENT ON FUNCTION @schema@.collection_effectiveness_by_month_as_of(date) IS
    'CEI per currency for the 12 months up to today''s: (opening + invoiced − closing) / (opening + invoiced − '
    'closing not yet due) × 100, 1 decimal; NULL when the denominator is 0.';

CREATE VIEW @schema@.collection_effectiveness_by_month AS
    SELECT * FROM @schema@.collection_effectiveness_by_month_as_of(@schema@.local_today());

COMMENT ON VIEW @schema@.collection_effectiveness_by_month IS
    'The collection effectiveness index per currency for each of the 12 most recent months (the current one to today).';

-- ---------------------------------------------------------------------------------------------
-- 3. Collected per month, by the stage reached before the payment
-- ---------------------------------------------------------------------------------------------

-- A payment is dated by received_on (the day the money reached the creditor, a date already).
-- Its preceding stage is the stage of the debtor's last case step carried out (a 'step' action
-- that succeeded) on a day before received_on, in a case not closed before received_on. A step
-- sent on the day of the payment does not count: the debtor most likely paid before seeing it.
CREATE VIEW @schema@.collected_by_month AS
WITH tz AS (
    SELECT @schema@.time_zone() AS name
), step AS (
    SELECT a.id, a.debtor_id, a.stage, a.finished_at, (a.finished_at AT TIME ZONE tz.name)::date AS day,
           (c.closed_at AT TIME ZONE tz.name)::date AS case_closed_on
    FROM @schema@.actions a JOIN @schema@.cases c ON c.id = a.case_id, tz
    WHERE a.kind = 'step' AND a.state = 'succeeded' AND a.finished_at IS NOT NULL
)
SELECT date_trunc('month', p.received_on::timestamp)::date AS month,
       p.currency,
       coalesce(last_step.stage, 'none') AS preceding_stage,
       count(*) AS payments,
       sum(p.amount) AS amount
FROM @schema@.payments p
LEFT JOIN LATERAL (
    SELECT s.stage FROM step s
    WHERE s.debtor_id = p.debtor_id AND s.day < p.received_on
      AND (s.case_closed_on IS NULL OR s.case_closed_on >= p.received_on)
    ORDER BY s.finished_at DESC, s.id DESC
    LIMIT 1) last_step ON true
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;

COMMENT ON VIEW @schema@.collected_by_month IS
    'Payments per month received (received_on) and currency, by the stage of the last case step sent on an earlier '
    'day in the debtor''s case then open (''none'' if no step was sent).';

-- ---------------------------------------------------------------------------------------------
-- 4. and 5. Promises and payment plans
-- ---------------------------------------------------------------------------------------------

CREATE VIEW @schema@.promise_outcomes AS
SELECT date_trunc('month', p.made_at AT TIME ZONE @schema@.time_zone())::date AS month,
       p.currency,
       count(*) AS made,
       count(*) FILTER (WHERE p.state = 'kept') AS kept,
       count(*) FILTER (WHERE p.state = 'broken') AS broken,
       count(*) FILTER (WHERE p.state = 'open') AS open,
       sum(p.amount) AS amount_promised,
       coalesce(sum(p.amount) FILTER (WHERE p.state = 'kept'), 0.00) AS amount_kept,
       count(*) FILTER (WHERE p.state = 'cancelled') AS cancelled
FROM @schema@.promises p
GROUP BY 1, 2
ORDER BY 1, 2;

COMMENT ON VIEW @schema@.promise_outcomes IS
    'Promises per month made (tenant zone) and currency: how many were kept, broken, are still open or were '
    'replaced (cancelled), and the amounts promised and kept.';

CREATE VIEW @schema@.plan_outcomes AS
SELECT date_trunc('month', p.created_at AT TIME ZONE @schema@.time_zone())::date AS month,
       p.currency,
       count(*) AS created,
       count(*) FILTER (WHERE p.state = 'completed') AS completed,
       count(*) FILTER (WHERE p.state = 'broken') AS broken,
       count(*) FILTER (WHERE p.state = 'active') AS active,
       sum(p.total) AS amount,
       count(*) FILTER (WHERE p.state = 'cancelled') AS cancelled,
       coalesce(sum(p.total) FILTER (WHERE p.state = 'completed'), 0.00) AS amount_completed
FROM @schema@.payment_plans p
GROUP BY 1, 2
ORDER BY 1, 2;

COMMENT ON VIEW @schema@.plan_outcomes IS
    'Payment plans per month created (tenant zone) and currency: completed, broken, active, cancelled, and their totals.';

-- ---------------------------------------------------------------------------------------------
-- 6. Stage funnel
-- ---------------------------------------------------------------------------------------------

-- A case reached a stage when one of its steps of that stage was carried out (a 'step' action
-- that succeeded). Its furthest stage is the latest in the order below that it reached.
CREATE VIEW @schema@.stage_funnel AS
WITH stage (position, name) AS (
    VALUES (1, 'reminder'), (2, 'call'), (3, 'formal_notice'), (4, 'agency'), (5, 'small_claims'), (6, 'legal')
), reached AS (
    SELECT DISTINCT a.case_id, a.stage FROM @schema@.actions a
    WHERE a.kind = 'step' AND a.state = 'succeeded' AND a.case_id IS NOT NULL
), furthest AS (
    SELECT r.case_id, max(s.position) AS position FROM reached r JOIN stage s ON s.name = r.stage GROUP BY r.case_id
)
SELECT s.position,
       s.name AS stage,
       count(r.case_id) AS cases_reached,
       count(r.case_id) FILTER (WHERE f.position = s.position
                                  AND c.close_reason IN ('paid', 'promise_kept', 'plan_completed')) AS paid_after,
       CASE WHEN count(r.case_id) = 0 THEN NULL
            ELSE round(100.0 * count(r.case_id) FILTER (WHERE f.position = s.position
                                     AND c.close_reason IN ('paid', 'promise_kept', 'plan_completed'))
                       / count(r.case_id), 1) END AS paid_share
FROM stage s
LEFT JOIN reached r ON r.stage = s.name
LEFT JOIN furthest f ON f.case_id = r.case_id
LEFT JOIN @schema@.cases c ON c.id = r.case_id
GROUP BY s.position, s.name
ORDER BY s.position;

COMMENT ON VIEW @schema@.stage_funnel IS
    'Per stage in procedure order: cases that had a step of it carried out, how many of them were closed as paid, '
    'promise kept or plan completed with it as their furthest stage, and that share in percent (1 decimal).';

-- ---------------------------------------------------------------------------------------------
-- 7. Channels and templates
-- ---------------------------------------------------------------------------------------------

-- A message is an action sent by e-mail, letter, SMS or webhook that succeeded (case steps,
-- courtesy e-mails, instalment reminders), sent at finished_at, on day s (tenant zone). It was
-- followed by payment within `days` days when either
--   * a case of the debtor was closed as paid, promise kept or plan completed after the message
--     and on or before day s + days, or
--   * what the message asked for was owed at the end of day s and the debtor's payments received
--     on days s + 1 … s + days cover it, in each currency. A courtesy e-mail asks for its invoice's
--     outstanding; any other message for the debtor's outstanding on invoices due before day s.
-- A message sent when nothing was overdue counts only through the first rule.
CREATE FUNCTION @schema@.channel_effectiveness_within(days integer)
    RETURNS TABLE (channel text, template text, messages bigint, paid_within bigint, paid_share numeric)
    LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
WITH tz AS (
    SELECT @schema@.time_zone() AS name
), message AS (
    SELECT a.id, a.kind, a.debtor_id, a.invoice_id, a.channel, coalesce(a.template, '') AS template, a.finished_at,
           (a.finished_at AT TIME ZONE tz.name)::date AS day
    FROM @schema@.actions a, tz
    WHERE a.state = 'succeeded' AND a.channel IN ('email', 'letter', 'sms', 'webhook')
      AND a.finished_at IS NOT NULL AND a.debtor_id IS NOT NULL
), owed AS (
    -- Each invoice of the debtor as it stood at the end of day s, as invoice_balances_as_of
    -- computes it, inlined here so that the debtors' indexes serve every message at once: what is
    -- left after reductions and payments naming it (open), and before the pool of payments naming
    -- none is applied, oldest due date first (open_before).
    SELECT o.*, coalesce(sum(o.open) OVER (PARTITION BY o.message_id, o.currency ORDER BY o.due_on, o.invoice_id
                                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS open_before
    FROM (SELECT m.id AS message_id, i.id AS invoice_id, i.currency, i.due_on,
                 greatest(i.amount
                          - coalesce((SELECT sum(r.amount) FROM @schema@.reductions r
                                      WHERE r.invoice_id = i.id AND r.granted_on <= m.day), 0)
                          - coalesce((SELECT sum(p.amount) FROM @schema@.payments p
                                      WHERE p.invoice_id = i.id AND p.received_on <= m.day), 0), 0) AS open
          FROM message m JOIN @schema@.invoices i ON i.debtor_id = m.debtor_id AND i.issued_on <= m.day) o
), pool AS (
    SELECT m.id AS message_id, p.currency, sum(p.amount) AS amount
    FROM message m JOIN @schema@.payments p
         ON p.debtor_id = m.debtor_id AND p.invoice_id IS NULL AND p.received_on <= m.day
    GROUP BY m.id, p.currency
), asked AS (
    SELECT m.id, m.debtor_id, m.day, o.currency,
           sum(o.open - least(o.open, greatest(coalesce(pool.amount, 0) - o.open_before, 0))) AS owed
    FROM owed o
    JOIN message m ON m.id = o.message_id
    LEFT JOIN pool ON pool.message_id = o.message_id AND pool.currency = o.currency
    WHERE CASE WHEN m.kind = 'courtesy' THEN o.invoice_id = m.invoice_id ELSE o.due_on < m.day END
    GROUP BY m.id, m.debtor_id, m.day, o.currency
    HAVING sum(o.open - least(o.open, greatest(coalesce(pool.amount, 0) - o.open_before, 0))) > 0
), covered AS MATERIALIZED (
    SELECT a.id
    FROM asked a
    CROSS JOIN LATERAL (
        SELECT coalesce(sum(p.amount), 0) AS amount FROM @schema@.payments p
        WHERE p.debtor_id = a.debtor_id AND p.currency = a.currency
          AND p.received_on > a.day AND p.received_on <= a.day + channel_effectiveness_within.days) paid
    GROUP BY a.id
    HAVING bool_and(paid.amount >= a.owed)
), outcome AS MATERIALIZED (
    SELECT m.channel, m.template,
           m.id IN (SELECT covered.id FROM covered)
           OR EXISTS (SELECT 1 FROM @schema@.cases c, tz
                      WHERE c.debtor_id = m.debtor_id AND c.close_reason IN ('paid', 'promise_kept', 'plan_completed')
                        AND c.closed_at > m.finished_at
                        AND (c.closed_at AT TIME ZONE tz.name)::date <= m.day + channel_effectiveness_within.days) AS paid
    FROM message m
)
SELECT o.channel, o.template, count(*), count(*) FILTER (WHERE o.paid),
       round(100.0 * count(*) FILTER (WHERE o.paid) / count(*), 1)
FROM outcome o
GROUP BY o.channel, o.template
ORDER BY o.channel, o.template
$$;

COMMENT ON FUNCTION @schema@.channel_effectiveness_within(integer) IS
    'Per channel and template: messages sent, how many were followed within days days by payment (case closed as '
    'paid, promise kept or plan completed, or payments covering what the message asked for), and that share in percent.';

CREATE VIEW @schema@.channel_effectiveness AS
    SELECT * FROM @schema@.channel_effectiveness_within(7);

COMMENT ON VIEW @schema@.channel_effectiveness IS 'channel_effectiveness_within(7): messages followed by payment within 7 days.';

-- ---------------------------------------------------------------------------------------------
-- 8. Disputes by reason
-- ---------------------------------------------------------------------------------------------

-- What a dispute covers is what resolve_dispute would write off: its invoice, or every invoice
-- of the debtor recorded by the time it was opened. Its amount is what those invoices still owed
-- at the end of the day it was opened (tenant zone), per currency; a dispute over invoices in
-- two currencies is counted once in each. Upheld = resolved with 'cancel' (the debtor was right),
-- rejected = resolved with 'resume'.
CREATE VIEW @schema@.disputes_by_reason AS
WITH tz AS (
    SELECT @schema@.time_zone() AS name
), dispute AS (
    SELECT d.*, (d.opened_at AT TIME ZONE tz.name)::date AS opened_on FROM @schema@.disputes d, tz
), at_stake AS (
    SELECT d.id, b.currency, sum(b.outstanding) AS amount
    FROM dispute d
    CROSS JOIN LATERAL @schema@.invoice_balances_as_of(d.opened_on, d.debtor_id) b
    JOIN @schema@.invoices i ON i.id = b.invoice_id
    WHERE b.outstanding > 0
      AND (b.invoice_id = d.invoice_id OR (d.invoice_id IS NULL AND i.created_at <= d.opened_at))
    GROUP BY d.id, b.currency
)
SELECT d.reason,
       count(*) AS opened,
       count(*) FILTER (WHERE d.state = 'open') AS open,
       count(*) FILTER (WHERE d.resolution = 'cancel') AS upheld,
       count(*) FILTER (WHERE d.resolution = 'resume') AS rejected,
       coalesce(sum(s.amount), 0.00) AS amount,
       s.currency
FROM dispute d
LEFT JOIN at_stake s ON s.id = d.id
GROUP BY d.reason, s.currency
ORDER BY d.reason, s.currency;

COMMENT ON VIEW @schema@.disputes_by_reason IS
    'Disputes per reason and currency: opened, still open, upheld (resolved cancel), rejected (resolved resume), and '
    'the outstanding they covered when opened.';

-- ---------------------------------------------------------------------------------------------
-- 9. Prescriptions ending soon
-- ---------------------------------------------------------------------------------------------

-- The prescription date is claim_statement's (acknowledgments restart it). Only debtors with an
-- invoice owed and due long enough ago to end within the window are read: the shortest period
-- is two years, so an invoice due after today + days − 2 years cannot end in it.
CREATE FUNCTION @schema@.prescription_ending_within(days integer)
    RETURNS TABLE (number text, debtor text, outstanding numeric, currency text, prescription_ends_on date,
                   days_left integer, invoice_id bigint, debtor_id bigint, debtor_name text)
    LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
WITH today AS (
    SELECT @schema@.local_today() AS day
), candidate AS (
    -- A prescription ends no earlier than the due date plus the period (2 years for a consumer,
    -- 5 for a business): only debtors with an invoice that old by the window's end can be listed,
    -- and claim_statement, which is costly, runs for them alone.
    SELECT DISTINCT b.debtor_id
    FROM @schema@.invoice_balances b
    JOIN @schema@.debtors d ON d.id = b.debtor_id, today
    WHERE b.outstanding > 0
      AND (b.due_on + CASE WHEN d.kind = 'consumer' THEN interval '2 years' ELSE interval '5 years' END)::date
          <= today.day + prescription_ending_within.days
)
SELECT cs.number, d.external_ref, cs.principal_outstanding, cs.currency, cs.prescription_ends_on,
       cs.prescription_ends_on - today.day, cs.invoice_id, d.id, d.name
FROM candidate, today, @schema@.debtors d
CROSS JOIN LATERAL @schema@.claim_statement(d.id, (SELECT t.day FROM today t)) cs
WHERE d.id = candidate.debtor_id
  AND cs.principal_outstanding > 0
  AND cs.prescription_ends_on BETWEEN today.day AND today.day + prescription_ending_within.days
ORDER BY cs.prescription_ends_on, cs.number
$$;

COMMENT ON FUNCTION @schema@.prescription_ending_within(integer) IS
    'Invoices still owed whose prescription (claim_statement, with interruptions) ends between today and today + days.';

CREATE VIEW @schema@.prescription_ending_soon AS
    SELECT * FROM @schema@.prescription_ending_within(90);

COMMENT ON VIEW @schema@.prescription_ending_soon IS
    'Invoices still owed whose prescription ends within 90 days (tenant zone), soonest first.';
