-- Reporting: the aged balance, per debtor and in total, per currency. Days are counted in the
-- tenant's time zone (local_today); amounts are what invoice_balances says is still owed
-- (payments, credit notes, reductions and write-offs taken off).

CREATE FUNCTION @schema@.aged_balance_as_of(as_of date)
    RETURNS TABLE (debtor_id bigint, external_ref text, name text, currency text,
                   not_yet_due numeric, days_1_30 numeric, days_31_60 numeric, days_61_90 numeric,
                   over_90 numeric, total numeric, invoices bigint, oldest_due_on date)
    LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    SELECT d.id, d.external_ref, d.name, b.currency,
           coalesce(sum(b.outstanding) FILTER (WHERE b.due_on >= as_of), 0.00),
           coalesce(sum(b.outstanding) FILTER (WHERE as_of - b.due_on BETWEEN 1 AND 30), 0.00),
           coalesce(sum(b.outstanding) FILTER (WHERE as_of - b.due_on BETWEEN 31 AND 60), 0.00),
           coalesce(sum(b.outstanding) FILTER (WHERE as_of - b.due_on BETWEEN 61 AND 90), 0.00),
           coalesce(sum(b.outstanding) FILTER (WHERE as_of - b.due_on > 90), 0.00),
           sum(b.outstanding),
           count(*),
           min(b.due_on)
    FROM @schema@.invoice_balances b
    JOIN @schema@.debtors d ON d.id = b.debtor_id
    WHERE b.outstanding > 0 AND b.issued_on <= as_of
    GROUP BY d.id, d.external_ref, d.name, b.currency
$$;

COMMENT ON FUNCTION @schema@.aged_balance_as_of(date) IS
    'What each debtor owes on as_of, per currency, by age past the due date: not yet due, 1–30, 31–60, '
    '61–90 and over 90 days. Balances are today''s (payments made after as_of count as made).';

CREATE VIEW @schema@.aged_balance AS
    SELECT * FROM @schema@.aged_balance_as_of(@schema@.local_today());

COMMENT ON VIEW @schema@.aged_balance IS
    'The aged balance per debtor and currency today (tenant time zone); see aged_balance_as_of.';

CREATE VIEW @schema@.aged_balance_total AS
    SELECT currency, sum(not_yet_due) AS not_yet_due, sum(days_1_30) AS days_1_30, sum(days_31_60) AS days_31_60,
           sum(days_61_90) AS days_61_90, sum(over_90) AS over_90, sum(total) AS total,
           count(*) AS debtors, sum(invoices) AS invoices
    FROM @schema@.aged_balance
    GROUP BY currency;

COMMENT ON VIEW @schema@.aged_balance_total IS 'The aged balance of all debtors today, per currency.';
