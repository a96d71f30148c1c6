-- What each tenant's work looks like to the operator — activity, volumes, lag — read from
-- small counters kept here as the work happens, never by visiting the tenant schemas: the
-- views cost the same whether the cluster holds ten tenants or ten thousand.
--
-- The tenant schemas' triggers (tenant migration 0007) keep the counters, as the schema's
-- owner: one upsert per action outcome, and one per statement that adds or removes debtors,
-- invoices or payments or opens or closes cases (none when a statement changes no count).
--
-- Hot rows. Counters of one tenant are written by every transaction finishing its work, and
-- an upsert holds its row until commit: with one row per tenant, workers finishing actions of
-- the same tenant, or an import running beside them, would queue on it. Each tenant's
-- counters are therefore spread over 4 slots, picked by the writing backend's process id;
-- the views add the slots up. Two sessions wait for each other only when they share a slot,
-- and then only from the upsert to their commit.

-- Action outcomes per tenant, UTC day and slot.
CREATE TABLE recouvre.tenant_activity_days (
    tenant           text NOT NULL,
    day              date NOT NULL,
    slot             smallint NOT NULL CONSTRAINT tenant_activity_slot_0_to_3 CHECK (slot BETWEEN 0 AND 3),
    succeeded        integer NOT NULL DEFAULT 0,
    -- Ended for good without success (the action's state `failed`).
    failed           integer NOT NULL DEFAULT 0,
    -- Out of attempts (`dead`).
    dead             integer NOT NULL DEFAULT 0,
    -- An attempt that failed and will be tried again (running back to scheduled, with an error).
    retried          integer NOT NULL DEFAULT 0,
    last_success_at  timestamptz,
    -- The last failed, dead or retried attempt.
    last_failure_at  timestamptz,
    PRIMARY KEY (tenant, day, slot)
) WITH (fillfactor = 70);

-- tenant_activity reads the last 7 days through this index, whatever history is kept.
CREATE INDEX tenant_activity_days_day ON recouvre.tenant_activity_days (day);

COMMENT ON TABLE recouvre.tenant_activity_days IS
    'Counters of action outcomes per tenant and UTC day, in 4 slots to spread concurrent writers; see tenant_activity.';

-- Sizes per tenant and slot. A slot's figure is a sum of deltas and may be negative; the
-- tenant's figure is the sum of its slots.
CREATE TABLE recouvre.tenant_volume_counts (
    tenant      text NOT NULL,
    slot        smallint NOT NULL CONSTRAINT tenant_volume_slot_0_to_3 CHECK (slot BETWEEN 0 AND 3),
    debtors     bigint NOT NULL DEFAULT 0,
    invoices    bigint NOT NULL DEFAULT 0,
    payments    bigint NOT NULL DEFAULT 0,
    open_cases  bigint NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, slot)
) WITH (fillfactor = 70);

COMMENT ON TABLE recouvre.tenant_volume_counts IS
    'Debtors, invoices, payments and open cases per tenant, as deltas in 4 slots; see tenant_volumes.';

-- No foreign key to recouvre.tenants on purpose: each counter write would lock the tenant's
-- row (KEY SHARE) and wait on a settings change. A dropped tenant's rows go with its drop.

-- The slot of the current session.
CREATE FUNCTION recouvre.counter_slot() RETURNS smallint
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog
    RETURN (pg_backend_pid() % 4)::smallint;

-- Counts one action outcome: outcome is 'succeeded', 'failed', 'dead' or 'retried'.
CREATE FUNCTION recouvre.count_action_outcome(for_tenant text, outcome text, happened_at timestamptz) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog
BEGIN ATOMIC
    INSERT INTO recouvre.tenant_activity_days AS a
        (tenant, day, slot, succeeded, failed, dead, retried, last_success_at, last_failure_at)
    VALUES (for_tenant, (happened_at AT TIME ZONE 'UTC')::date, recouvre.counter_slot(),
            (outcome = 'succeeded')::int, (outcome = 'failed')::int, (outcome = 'dead')::int,
            (outcome = 'retried')::int,
            CASE WHEN outcome = 'succeeded' THEN happened_at END,
            CASE WHEN outcome <> 'succeeded' THEN happened_at END)
    ON CONFLICT (tenant, day, slot) DO UPDATE SET
        succeeded = a.succeeded + excluded.succeeded,
        failed = a.failed + excluded.failed,
        dead = a.dead + excluded.dead,
        retried = a.retried + excluded.retried,
        last_success_at = greatest(a.last_success_at, excluded.last_success_at),
        last_failure_at = greatest(a.last_failure_at, excluded.last_failure_at);
END;

-- Adds deltas to a tenant's sizes; a call with nothing to add writes nothing.
CREATE FUNCTION recouvre.count_volumes(for_tenant text, debtors_added bigint, invoices_added bigint,
                                       payments_added bigint, open_cases_added bigint) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog
BEGIN ATOMIC
    INSERT INTO recouvre.tenant_volume_counts AS v (tenant, slot, debtors, invoices, payments, open_cases)
    SELECT for_tenant, recouvre.counter_slot(), debtors_added, invoices_added, payments_added, open_cases_added
    WHERE debtors_added <> 0 OR invoices_added <> 0 OR payments_added <> 0 OR open_cases_added <> 0
    ON CONFLICT (tenant, slot) DO UPDATE SET
        debtors = v.debtors + excluded.debtors,
        invoices = v.invoices + excluded.invoices,
        payments = v.payments + excluded.payments,
        open_cases = v.open_cases + excluded.open_cases,
        updated_at = now();
END;

-- Only the tenant triggers (running as the owner) and the daemon call these.
REVOKE EXECUTE ON FUNCTION recouvre.counter_slot() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION recouvre.count_action_outcome(text, text, timestamptz) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION recouvre.count_volumes(text, bigint, bigint, bigint, bigint) FROM PUBLIC;

-- Deletes counters of days before `keep` days ago, for ops to run now and then (the view sums
-- 7 days; older rows only keep the last success and failure of a tenant silent since);
-- returns how many rows went.
CREATE FUNCTION recouvre.prune_tenant_activity(keep integer DEFAULT 31) RETURNS bigint
    LANGUAGE sql SET search_path = pg_catalog
BEGIN ATOMIC
    WITH gone AS (
        DELETE FROM recouvre.tenant_activity_days
        WHERE day < (now() AT TIME ZONE 'UTC')::date - keep
        RETURNING 1
    )
    SELECT count(*) FROM gone;
END;

REVOKE EXECUTE ON FUNCTION recouvre.prune_tenant_activity(integer) FROM PUBLIC;

-- Per tenant: action outcomes today (UTC) and over the last 7 days (today and the 6 before),
-- and the last success and failure kept. The sums read 7 days of counters; a last moment
-- older than that is found by walking the tenant's rows backwards in the primary key from its
-- latest day, a few index entries each, however long the history.
CREATE VIEW recouvre.tenant_activity AS
WITH week AS (
    SELECT a.tenant,
           sum(a.succeeded) FILTER (WHERE a.day = today.d) AS succeeded_today,
           sum(a.failed) FILTER (WHERE a.day = today.d) AS failed_today,
           sum(a.dead) FILTER (WHERE a.day = today.d) AS dead_today,
           sum(a.retried) FILTER (WHERE a.day = today.d) AS retried_today,
           sum(a.succeeded) AS succeeded_7d,
           sum(a.failed) AS failed_7d,
           sum(a.dead) AS dead_7d,
           sum(a.retried) AS retried_7d,
           max(a.last_success_at) AS last_success_at,
           max(a.last_failure_at) AS last_failure_at
    FROM recouvre.tenant_activity_days a
    CROSS JOIN (SELECT (now() AT TIME ZONE 'UTC')::date AS d) today
    WHERE a.day > today.d - 7
    GROUP BY a.tenant
)
SELECT t.slug AS tenant, t.status,
       coalesce(w.succeeded_today, 0) AS succeeded_today,
       coalesce(w.failed_today, 0) AS failed_today,
       coalesce(w.dead_today, 0) AS dead_today,
       coalesce(w.retried_today, 0) AS retried_today,
       coalesce(w.succeeded_7d, 0) AS succeeded_7d,
       coalesce(w.failed_7d, 0) AS failed_7d,
       coalesce(w.dead_7d, 0) AS dead_7d,
       coalesce(w.retried_7d, 0) AS retried_7d,
       -- Looked up further back only for a tenant without one this week (CASE evaluates
       -- the subquery only then).
       CASE WHEN w.last_success_at IS NOT NULL THEN w.last_success_at
            ELSE (SELECT max(s.last_success_at) FROM recouvre.tenant_activity_days s
                  WHERE s.tenant = t.slug
                    AND s.day = (SELECT max(x.day) FROM recouvre.tenant_activity_days x
                                 WHERE x.tenant = t.slug AND x.last_success_at IS NOT NULL))
       END AS last_success_at,
       CASE WHEN w.last_failure_at IS NOT NULL THEN w.last_failure_at
            ELSE (SELECT max(f.last_failure_at) FROM recouvre.tenant_activity_days f
                  WHERE f.tenant = t.slug
                    AND f.day = (SELECT max(x.day) FROM recouvre.tenant_activity_days x
                                 WHERE x.tenant = t.slug AND x.last_failure_at IS NOT NULL))
       END AS last_failure_at
FROM recouvre.tenants t
LEFT JOIN week w ON w.tenant = t.slug;

COMMENT ON VIEW recouvre.tenant_activity IS
    'Per tenant: actions succeeded, failed, dead and retried today (UTC) and over 7 days; last success and failure.';

-- Per tenant: how many debtors, invoices, payments and open cases it has.
CREATE VIEW recouvre.tenant_volumes AS
SELECT t.slug AS tenant, t.status,
       coalesce(sum(v.debtors), 0)::bigint AS debtors,
       coalesce(sum(v.invoices), 0)::bigint AS invoices,
       coalesce(sum(v.payments), 0)::bigint AS payments,
       coalesce(sum(v.open_cases), 0)::bigint AS open_cases,
       max(v.updated_at) AS updated_at
FROM recouvre.tenants t
LEFT JOIN recouvre.tenant_volume_counts v ON v.tenant = t.slug
GROUP BY t.slug, t.status;

COMMENT ON VIEW recouvre.tenant_volumes IS 'Per tenant: debtors, invoices, payments and open cases, from counters.';

-- Per tenant: the scheduler's view of its queue (recouvre.due_work), as of its last service.
CREATE VIEW recouvre.tenant_lag AS
SELECT t.slug AS tenant, t.status,
       w.next_due_at,
       coalesce(w.next_due_at <= now(), false) AS due_now,
       CASE WHEN w.next_due_at <= now() THEN greatest(w.due_count, 1) ELSE 0 END AS due_actions,
       CASE WHEN w.next_due_at <= now() THEN w.next_due_at END AS oldest_due_at,
       CASE WHEN w.next_due_at <= now() THEN extract(epoch FROM now() - w.next_due_at) ELSE 0 END AS lag_seconds,
       w.served_at AS last_served_at
FROM recouvre.tenants t
LEFT JOIN recouvre.due_work w ON w.tenant = t.slug;

COMMENT ON VIEW recouvre.tenant_lag IS
    'Per tenant: actions due now (counted when last served), the oldest due moment, lag in seconds, last service.';
