-- A tenant's receivables: debtors, invoices, payments, the work the daemon schedules
-- (actions) and the journal of what happened (events).
--
-- The migrator replaces @schema@ with the quoted schema name and @slug@ with the tenant slug
-- as a string literal; both come from a slug validated against ^[a-z][a-z0-9_]{1,39}$.
-- Functions pin their search_path so that triggers behave the same whatever the caller's.

CREATE TABLE @schema@.debtors (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    external_ref   text NOT NULL
                   CONSTRAINT debtor_external_ref_unique UNIQUE
                   CONSTRAINT debtor_external_ref_not_blank CHECK (btrim(external_ref) <> ''),
    name           text NOT NULL
                   CONSTRAINT debtor_name_not_blank CHECK (btrim(name) <> ''),
    kind           text NOT NULL DEFAULT 'business'
                   CONSTRAINT debtor_kind_business_or_consumer CHECK (kind IN ('business', 'consumer')),
    email          text
                   CONSTRAINT debtor_email_format CHECK (recouvre.is_email(email)),
    phone          text
                   CONSTRAINT debtor_phone_format CHECK (phone ~ '^\+?[0-9][0-9 .()-]{4,19}$'),
    address_line1  text,
    address_line2  text,
    postal_code    text,
    city           text,
    country        text NOT NULL DEFAULT 'FR'
                   CONSTRAINT debtor_country_iso3166 CHECK (country ~ '^[A-Z]{2}$'),
    locale         text
                   CONSTRAINT debtor_locale_known CHECK (locale IN ('fr', 'en')),
    timezone       text
                   CONSTRAINT debtor_timezone_known CHECK (recouvre.is_time_zone(timezone)),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

COMMENT ON COLUMN @schema@.debtors.locale IS 'Language of messages to this debtor; NULL means the tenant''s.';
COMMENT ON COLUMN @schema@.debtors.timezone IS 'IANA zone of the debtor; NULL means the tenant''s.';

CREATE TABLE @schema@.invoices (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    debtor_id   bigint NOT NULL
                CONSTRAINT invoice_debtor_must_exist REFERENCES @schema@.debtors (id),
    number      text NOT NULL
                CONSTRAINT invoice_number_unique UNIQUE
                CONSTRAINT invoice_number_not_blank CHECK (btrim(number) <> ''),
    issued_on   date NOT NULL,
    due_on      date NOT NULL,
    currency    text NOT NULL DEFAULT 'EUR'
                CONSTRAINT invoice_currency_iso4217 CHECK (recouvre.is_currency(currency)),
    amount      numeric(14, 2) NOT NULL
                CONSTRAINT invoice_amount_positive CHECK (amount > 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT invoice_due_on_not_before_issued_on CHECK (due_on >= issued_on),
    -- Lets payments check that the invoice they name is their debtor's, in their currency.
    CONSTRAINT invoice_id_debtor_currency_unique UNIQUE (id, debtor_id, currency)
);

CREATE INDEX invoices_debtor ON @schema@.invoices (debtor_id, due_on);

CREATE TABLE @schema@.payments (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    debtor_id    bigint NOT NULL
                 CONSTRAINT payment_debtor_must_exist REFERENCES @schema@.debtors (id),
    invoice_id   bigint,
    amount       numeric(14, 2) NOT NULL
                 CONSTRAINT payment_amount_positive CHECK (amount > 0),
    currency     text NOT NULL DEFAULT 'EUR'
                 CONSTRAINT payment_currency_iso4217 CHECK (recouvre.is_currency(currency)),
    received_on  date NOT NULL DEFAULT current_date,
    reference    text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    -- A payment naming an invoice must be its debtor's and in its currency.
    CONSTRAINT payment_invoice_of_same_debtor_and_currency
        FOREIGN KEY (invoice_id, debtor_id, currency) REFERENCES @schema@.invoices (id, debtor_id, currency)
);

CREATE INDEX payments_debtor ON @schema@.payments (debtor_id);
CREATE INDEX payments_invoice ON @schema@.payments (invoice_id) WHERE invoice_id IS NOT NULL;

COMMENT ON TABLE @schema@.payments IS
    'Money received. A payment naming an invoice pays it; one naming none pays the debtor''s '
    'oldest open invoices of the same currency first (see invoice_balances).';

-- What is still owed on each invoice. A payment that names an invoice is applied to it (any
-- excess is not carried over); payments that name none form a pool per debtor and currency,
-- applied to open invoices oldest due date first.
CREATE VIEW @schema@.invoice_balances AS
WITH direct AS (
    SELECT invoice_id, sum(amount) AS paid
    FROM @schema@.payments
    WHERE invoice_id IS NOT NULL
    GROUP BY invoice_id
), pool AS (
    SELECT debtor_id, currency, sum(amount) AS unallocated
    FROM @schema@.payments
    WHERE invoice_id IS NULL
    GROUP BY debtor_id, currency
), after_direct AS (
    SELECT i.id, i.debtor_id, i.number, i.currency, i.issued_on, i.due_on, i.amount,
           least(coalesce(d.paid, 0), i.amount) AS paid_direct,
           greatest(i.amount - coalesce(d.paid, 0), 0) AS open_after_direct
    FROM @schema@.invoices i
    LEFT JOIN direct d ON d.invoice_id = i.id
), ordered AS (
    SELECT a.*,
           coalesce(sum(a.open_after_direct) OVER (
               PARTITION BY a.debtor_id, a.currency ORDER BY a.due_on, a.id
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS open_before
    FROM after_direct a
), allocated AS (
    SELECT o.*,
           least(o.open_after_direct, greatest(coalesce(p.unallocated, 0) - o.open_before, 0)) AS paid_from_pool
    FROM ordered o
    LEFT JOIN pool p ON p.debtor_id = o.debtor_id AND p.currency = o.currency
)
SELECT id AS invoice_id,
       debtor_id,
       number,
       currency,
       issued_on,
       due_on,
       amount,
       paid_direct + paid_from_pool AS paid,
       open_after_direct - paid_from_pool AS outstanding,
       greatest(current_date - due_on, 0) AS days_overdue
FROM allocated;

COMMENT ON VIEW @schema@.invoice_balances IS
    'Amount, paid and outstanding per invoice; days_overdue counts from the server''s current date.';

-- The work the daemon does: planning an invoice's reminders, reviewing a debtor after a
-- payment, sending a reminder. Claimed with leases so that several daemons can share a tenant.
CREATE TABLE @schema@.actions (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              text NOT NULL
                      CONSTRAINT action_kind_known
                      CHECK (kind IN ('plan_invoice', 'review_debtor', 'email_reminder')),
    channel           text NOT NULL DEFAULT 'none'
                      CONSTRAINT action_channel_known CHECK (channel IN ('none', 'email')),
    state             text NOT NULL DEFAULT 'scheduled'
                      CONSTRAINT action_state_known
                      CHECK (state IN ('scheduled', 'running', 'succeeded', 'failed', 'cancelled', 'dead')),
    debtor_id         bigint REFERENCES @schema@.debtors (id),
    invoice_id        bigint REFERENCES @schema@.invoices (id),
    step              integer NOT NULL DEFAULT 0,
    template          text,
    due_at            timestamptz NOT NULL DEFAULT now(),
    attempts          integer NOT NULL DEFAULT 0,
    lease_owner       text,
    lease_expires_at  timestamptz,
    last_error        text,
    outcome           jsonb,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    CONSTRAINT action_running_has_lease
        CHECK (state <> 'running' OR (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL))
) WITH (
    -- Claimed and finished rows churn at the head of the partial index: vacuum early.
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_threshold = 500,
    autovacuum_vacuum_cost_delay = 0,
    fillfactor = 80
);

CREATE INDEX actions_due ON @schema@.actions (due_at) WHERE state = 'scheduled';
CREATE INDEX actions_leases ON @schema@.actions (lease_expires_at) WHERE state = 'running';
CREATE INDEX actions_debtor ON @schema@.actions (debtor_id, state);
CREATE INDEX actions_state ON @schema@.actions (state, id);
-- Exactly-once intent: at most one live reminder per invoice and step, whatever runs twice.
CREATE UNIQUE INDEX actions_one_reminder_per_step ON @schema@.actions (invoice_id, step)
    WHERE kind = 'email_reminder' AND state <> 'cancelled';

-- The append-only journal: what happened, when, and why.
CREATE TABLE @schema@.events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    kind         text NOT NULL CONSTRAINT event_kind_not_blank CHECK (btrim(kind) <> ''),
    debtor_id    bigint,
    invoice_id   bigint,
    action_id    bigint,
    actor        text NOT NULL DEFAULT current_user,
    detail       jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX events_debtor ON @schema@.events (debtor_id, occurred_at);
CREATE INDEX events_action ON @schema@.events (action_id) WHERE action_id IS NOT NULL;

CREATE FUNCTION @schema@.refuse_event_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'Record a new event that corrects or explains the earlier one.';
END
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON @schema@.events
    FOR EACH ROW EXECUTE FUNCTION @schema@.refuse_event_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON @schema@.events
    FOR EACH STATEMENT EXECUTE FUNCTION @schema@.refuse_event_change();

-- Tells the scheduler that work was scheduled (a hint in recouvre.due_hints) and wakes
-- daemons (LISTEN recouvre_due) when it is due now. Claiming (scheduled → running) does not
-- fire it: the row's earlier version already counted. Insert-only, so it never waits on
-- another transaction; at most one hint per transaction unless an earlier moment comes.
-- Only the triggers below call it (EXECUTE is revoked from PUBLIC); they are SECURITY
-- DEFINER, so the tenant's own roles need no right on the operator schema.
CREATE FUNCTION @schema@.note_due_work(earliest timestamptz) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    flag constant text := 'recouvre.hint_' || @slug@;
    previous text := nullif(current_setting(flag, true), '');
BEGIN
    IF earliest IS NULL THEN
        RETURN;
    END IF;
    -- A moment long past says no more than "now", and cannot jump the queue.
    earliest := greatest(earliest, now() - interval '1 day');
    IF previous IS NOT NULL AND previous::timestamptz <= earliest THEN
        RETURN;
    END IF;
    PERFORM set_config(flag, earliest::text, true);
    INSERT INTO recouvre.due_hints (tenant, due_at) VALUES (@slug@, earliest);
    IF earliest <= clock_timestamp()
       AND EXISTS (SELECT 1 FROM recouvre.tenants WHERE slug = @slug@ AND status = 'active') THEN
        PERFORM pg_notify('recouvre_due', @slug@);
    END IF;
END
$$;

REVOKE EXECUTE ON FUNCTION @schema@.note_due_work(timestamptz) FROM PUBLIC;

CREATE FUNCTION @schema@.actions_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    PERFORM @schema@.note_due_work((SELECT min(due_at) FROM inserted WHERE state = 'scheduled'));
    RETURN NULL;
END
$$;

CREATE TRIGGER actions_note_inserted AFTER INSERT ON @schema@.actions
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @schema@.actions_inserted();

CREATE FUNCTION @schema@.action_rescheduled() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    PERFORM @schema@.note_due_work(NEW.due_at);
    RETURN NULL;
END
$$;

CREATE TRIGGER actions_note_rescheduled AFTER UPDATE ON @schema@.actions
    FOR EACH ROW WHEN (NEW.state = 'scheduled')
    EXECUTE FUNCTION @schema@.action_rescheduled();

-- New invoices are planned by the daemon; a change of due date replans them. The trigger
-- functions run as the schema's owner (SECURITY DEFINER, search_path pinned, fixed
-- statements): an integration's role needs rights on debtors, invoices and payments only.
CREATE FUNCTION @schema@.invoices_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    INSERT INTO @schema@.actions (kind, debtor_id, invoice_id)
    SELECT 'plan_invoice', i.debtor_id, i.id FROM inserted i;
    INSERT INTO @schema@.events (kind, debtor_id, invoice_id, detail)
    SELECT 'invoice_recorded', i.debtor_id, i.id,
           jsonb_build_object('number', i.number, 'amount', i.amount, 'currency', i.currency,
                              'due_on', i.due_on)
    FROM inserted i;
    RETURN NULL;
END
$$;

CREATE TRIGGER invoices_plan_inserted AFTER INSERT ON @schema@.invoices
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @schema@.invoices_inserted();

CREATE FUNCTION @schema@.invoice_due_on_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    INSERT INTO @schema@.actions (kind, debtor_id, invoice_id) VALUES ('plan_invoice', NEW.debtor_id, NEW.id);
    INSERT INTO @schema@.events (kind, debtor_id, invoice_id, detail)
    VALUES ('invoice_due_date_changed', NEW.debtor_id, NEW.id,
            jsonb_build_object('from', OLD.due_on, 'to', NEW.due_on));
    RETURN NULL;
END
$$;

CREATE TRIGGER invoices_replan_due_on AFTER UPDATE OF due_on ON @schema@.invoices
    FOR EACH ROW WHEN (OLD.due_on IS DISTINCT FROM NEW.due_on)
    EXECUTE FUNCTION @schema@.invoice_due_on_changed();

-- A payment is journaled and makes the daemon review its debtor: reminders still pending for
-- what is now paid are cancelled within seconds.
CREATE FUNCTION @schema@.payments_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    INSERT INTO @schema@.events (kind, debtor_id, invoice_id, detail)
    SELECT 'payment_received', p.debtor_id, p.invoice_id,
           jsonb_build_object('payment_id', p.id, 'amount', p.amount, 'currency', p.currency,
                              'received_on', p.received_on, 'reference', p.reference)
    FROM inserted p;
    INSERT INTO @schema@.actions (kind, debtor_id)
    SELECT DISTINCT 'review_debtor', p.debtor_id FROM inserted p;
    RETURN NULL;
END
$$;

CREATE TRIGGER payments_review_inserted AFTER INSERT ON @schema@.payments
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @schema@.payments_inserted();
