-- The tenant's database roles, and the counters the operator views read.
--
-- Roles (names from recouvre.tenant_role, see control migration 0007), NOLOGIN: the creditor's
-- login roles are granted into them.
--   reader  USAGE on the schema, SELECT on every table and view, EXECUTE on the functions
--           anyone with access to the schema may call (the reporting ones: claim_statement,
--           aged_balance_as_of, local_today…); and, through default privileges, SELECT on
--           tables and views later migrations create.
--   writer  a member of the reader, plus INSERT and UPDATE on debtors, invoices and payments,
--           policies and policy_steps (and DELETE on policy_steps), and EXECUTE on the
--           procedure functions (record_promise, write_off…).
-- Neither gets anything on the operator schema or another tenant's: the triggers their writes
-- fire run as the schema's owner (SECURITY DEFINER, search_path pinned).
--
-- Functions: PostgreSQL grants EXECUTE to PUBLIC on every new function, and the migrations of
-- this schema revoke it from those that act with the owner's rights. Without USAGE on the
-- schema PUBLIC reaches none of them, so the reader's explicit grants below only make its
-- rights independent of that default. No default privilege grants EXECUTE to the reader: it
-- would reach a later SECURITY DEFINER function whose migration revokes only PUBLIC's right.

DO $roles$
DECLARE
    reader constant text := recouvre.tenant_role(@slug@, 'reader');
    writer constant text := recouvre.tenant_role(@slug@, 'writer');
    existing text;
    f regprocedure;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = current_user AND (rolcreaterole OR rolsuper)) THEN
        RAISE EXCEPTION 'the database role "%" lacks CREATEROLE: it makes each tenant''s roles (% and %)',
                        current_user, reader, writer
            USING ERRCODE = 'insufficient_privilege',
                  HINT = format('As a superuser: ALTER ROLE %I CREATEROLE; (deploy/postgresql-setup.sql, docs/operations.md)',
                                current_user);
    END IF;
    -- A role of that name belongs to another database of the cluster, or to an administrator:
    -- sharing it would hand this tenant's data to whoever is granted it there.
    SELECT rolname INTO existing FROM pg_catalog.pg_roles WHERE rolname IN (reader, writer) LIMIT 1;
    IF existing IS NOT NULL THEN
        RAISE EXCEPTION 'the role "%" already exists in this cluster', existing
            USING ERRCODE = 'duplicate_object',
                  HINT = 'Another database on this cluster has a tenant of the same slug and role prefix: give each '
                         'database its own prefix (ALTER DATABASE … SET recouvre.role_prefix, see docs/operations.md), '
                         'or drop the stale role.';
    END IF;

    EXECUTE format('CREATE ROLE %I NOLOGIN', reader);
    EXECUTE format('CREATE ROLE %I NOLOGIN IN ROLE %I', writer, reader);
    EXECUTE format('COMMENT ON ROLE %I IS %L', reader,
                   'Reads tenant ' || @slug@ || ' in database ' || current_database() || ' (Recouvre).');
    EXECUTE format('COMMENT ON ROLE %I IS %L', writer,
                   'Reads and writes tenant ' || @slug@ || ' in database ' || current_database() || ' (Recouvre).');

    -- A schema made by CREATE SCHEMA grants PUBLIC nothing; said again for one made otherwise.
    REVOKE ALL ON SCHEMA @schema@ FROM PUBLIC;
    EXECUTE format('GRANT USAGE ON SCHEMA @schema@ TO %I', reader);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA @schema@ TO %I', reader);
    -- Default privileges of the role running the migrations, which creates (and owns) every
    -- object of the schema: a view a later migration adds is readable at once.
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA @schema@ GRANT SELECT ON TABLES TO %I', reader);
    FOR f IN
        SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
        WHERE p.pronamespace = '@schema@'::regnamespace
          AND p.prorettype <> 'pg_catalog.trigger'::regtype
          AND (p.proacl IS NULL
               OR EXISTS (SELECT FROM pg_catalog.aclexplode(p.proacl) a
                          WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE'))
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f, reader);
    END LOOP;

    EXECUTE format('GRANT INSERT, UPDATE ON @schema@.debtors, @schema@.invoices, @schema@.payments, '
                   '@schema@.policies, @schema@.policy_steps TO %I', writer);
    EXECUTE format('GRANT DELETE ON @schema@.policy_steps TO %I', writer);
    EXECUTE format('GRANT EXECUTE ON FUNCTION '
                   '@schema@.request_review(bigint), '
                   '@schema@.record_promise(bigint, numeric, date, text, text), '
                   '@schema@.create_payment_plan(bigint, jsonb, text, text), '
                   '@schema@.grant_reduction(bigint, numeric, text, text, text), '
                   '@schema@.write_off(bigint, text, text), '
                   '@schema@.open_dispute(bigint, bigint, text, text), '
                   '@schema@.resolve_dispute(bigint, text, text, text), '
                   '@schema@.record_call_outcome(bigint, boolean, text, text, text, text), '
                   '@schema@.decide_approval(bigint, boolean, text, text), '
                   '@schema@.complete_task(bigint, text, text) TO %I', writer);
END
$roles$;

-- Counters for the operator views (control migration 0008). Each trigger makes at most one
-- upsert in the operator schema, and none when nothing it counts changed.

-- An action's outcome: succeeded, failed, dead, or an attempt that failed and is retried.
CREATE FUNCTION @schema@.action_outcome_counted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    PERFORM recouvre.count_action_outcome(@slug@,
        CASE WHEN NEW.state = 'scheduled' THEN 'retried' ELSE NEW.state END,
        coalesce(NEW.finished_at, now()));
    RETURN NULL;
END
$$;

CREATE TRIGGER actions_count_outcome AFTER UPDATE OF state ON @schema@.actions
    FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state
          AND (NEW.state IN ('succeeded', 'failed', 'dead')
               OR (OLD.state = 'running' AND NEW.state = 'scheduled' AND NEW.last_error IS NOT NULL)))
    EXECUTE FUNCTION @schema@.action_outcome_counted();

-- Rows added or removed, per statement: TG_TABLE_NAME says which count moves.
CREATE FUNCTION @schema@.rows_counted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    delta bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT count(*) INTO delta FROM added;
    ELSE
        SELECT -count(*) INTO delta FROM removed;
    END IF;
    PERFORM recouvre.count_volumes(@slug@,
        CASE WHEN TG_TABLE_NAME = 'debtors' THEN delta ELSE 0 END,
        CASE WHEN TG_TABLE_NAME = 'invoices' THEN delta ELSE 0 END,
        CASE WHEN TG_TABLE_NAME = 'payments' THEN delta ELSE 0 END,
        0);
    RETURN NULL;
END
$$;

CREATE TRIGGER debtors_count_inserted AFTER INSERT ON @schema@.debtors
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION @schema@.rows_counted();
CREATE TRIGGER debtors_count_deleted AFTER DELETE ON @schema@.debtors
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION @schema@.rows_counted();
CREATE TRIGGER invoices_count_inserted AFTER INSERT ON @schema@.invoices
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION @schema@.rows_counted();
CREATE TRIGGER invoices_count_deleted AFTER DELETE ON @schema@.invoices
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION @schema@.rows_counted();
CREATE TRIGGER payments_count_inserted AFTER INSERT ON @schema@.payments
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION @schema@.rows_counted();
CREATE TRIGGER payments_count_deleted AFTER DELETE ON @schema@.payments
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION @schema@.rows_counted();

-- Open cases: opened (insert), closed or reopened (update), removed (delete).
CREATE FUNCTION @schema@.open_cases_counted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    delta bigint := 0;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        delta := delta + (SELECT count(*) FROM added WHERE state = 'open');
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        delta := delta - (SELECT count(*) FROM removed WHERE state = 'open');
    END IF;
    PERFORM recouvre.count_volumes(@slug@, 0, 0, 0, delta);
    RETURN NULL;
END
$$;

CREATE TRIGGER cases_count_inserted AFTER INSERT ON @schema@.cases
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION @schema@.open_cases_counted();
CREATE TRIGGER cases_count_updated AFTER UPDATE ON @schema@.cases
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION @schema@.open_cases_counted();
CREATE TRIGGER cases_count_deleted AFTER DELETE ON @schema@.cases
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION @schema@.open_cases_counted();

-- What the schema already holds: its sizes, and the outcomes of the last 31 days.
DELETE FROM recouvre.tenant_volume_counts WHERE tenant = @slug@;
INSERT INTO recouvre.tenant_volume_counts (tenant, slot, debtors, invoices, payments, open_cases)
VALUES (@slug@, 0,
        (SELECT count(*) FROM @schema@.debtors), (SELECT count(*) FROM @schema@.invoices),
        (SELECT count(*) FROM @schema@.payments), (SELECT count(*) FROM @schema@.cases WHERE state = 'open'));

DELETE FROM recouvre.tenant_activity_days WHERE tenant = @slug@;
INSERT INTO recouvre.tenant_activity_days (tenant, day, slot, succeeded, failed, dead, last_success_at, last_failure_at)
SELECT @slug@, (finished_at AT TIME ZONE 'UTC')::date, 0,
       count(*) FILTER (WHERE state = 'succeeded'), count(*) FILTER (WHERE state = 'failed'),
       count(*) FILTER (WHERE state = 'dead'),
       max(finished_at) FILTER (WHERE state = 'succeeded'), max(finished_at) FILTER (WHERE state IN ('failed', 'dead'))
FROM @schema@.actions
WHERE state IN ('succeeded', 'failed', 'dead') AND finished_at > now() - interval '31 days'
GROUP BY 2;
