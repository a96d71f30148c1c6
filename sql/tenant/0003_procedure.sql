-- The collection procedure: policies and their steps, a debtor's case, what was negotiated with
-- the debtor (promises, payment plans, reductions, disputes) and the collectors' tasks, plus the
-- functions a creditor's staff and tools call to record them (docs/sql-api.md, "The collection
-- procedure").
--
-- The migrator replaces @schema@ with the quoted schema name and @slug@ with the tenant slug
-- as a string literal. Functions pin their search_path and qualify every name. The functions
-- that change a debtor's negotiation state lock the debtor row first, as the daemon does before
-- it reviews the debtor, so that the two never act on each other's half-made changes.

-- ---------------------------------------------------------------------------------------------
-- Policies
-- ---------------------------------------------------------------------------------------------

CREATE TABLE @schema@.policies (
    name             text PRIMARY KEY
                     CONSTRAINT policy_name_format CHECK (name ~ '^[a-z][a-z0-9_-]{0,39}$'),
    description      text NOT NULL DEFAULT '',
    debtor_kind      text
                     CONSTRAINT policy_debtor_kind_business_or_consumer CHECK (debtor_kind IN ('business', 'consumer')),
    min_outstanding  numeric(14, 2) NOT NULL DEFAULT 0
                     CONSTRAINT policy_min_outstanding_not_negative CHECK (min_outstanding >= 0),
    priority         integer NOT NULL DEFAULT 100,
    grace_days       integer NOT NULL DEFAULT 3
                     CONSTRAINT policy_grace_days_0_to_30 CHECK (grace_days BETWEEN 0 AND 30),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE @schema@.policies IS
    'How debtors are pursued: a named sequence of steps (policy_steps). A debtor follows debtors.policy if set, '
    'else the policy with the lowest priority (ties: name) whose debtor_kind is NULL or the debtor''s and whose '
    'min_outstanding is at most the debtor''s overdue outstanding.';
COMMENT ON COLUMN @schema@.policies.debtor_kind IS 'The kind of debtor it is chosen for; NULL = any.';
COMMENT ON COLUMN @schema@.policies.min_outstanding IS 'Chosen only for a debtor whose overdue outstanding is at least this.';
COMMENT ON COLUMN @schema@.policies.priority IS 'Lower is tried first when choosing a debtor''s policy.';
COMMENT ON COLUMN @schema@.policies.grace_days IS
    'Days after a promised date or an instalment''s due date before the promise or plan counts as broken.';

CREATE TABLE @schema@.policy_steps (
    policy             text NOT NULL
                       CONSTRAINT policy_step_policy_must_exist
                       REFERENCES @schema@.policies (name) ON UPDATE CASCADE ON DELETE CASCADE,
    position           integer NOT NULL
                       CONSTRAINT policy_step_position_1_to_50 CHECK (position BETWEEN 1 AND 50),
    offset_days        integer NOT NULL
                       CONSTRAINT policy_step_offset_days_minus_90_to_1825 CHECK (offset_days BETWEEN -90 AND 1825),
    stage              text NOT NULL
                       CONSTRAINT policy_step_stage_known
                       CHECK (stage IN ('reminder', 'call', 'formal_notice', 'agency', 'small_claims', 'legal')),
    channel            text NOT NULL
                       CONSTRAINT policy_step_channel_known CHECK (channel IN ('email', 'letter', 'sms', 'webhook', 'task')),
    template           text NOT NULL
                       CONSTRAINT policy_step_template_format CHECK (template ~ '^[a-z][a-z0-9_]{0,39}$'),
    min_outstanding    numeric(14, 2) NOT NULL DEFAULT 0
                       CONSTRAINT policy_step_min_outstanding_not_negative CHECK (min_outstanding >= 0),
    max_outstanding    numeric(14, 2),
    requires_approval  boolean NOT NULL DEFAULT false,
    send_at            time NOT NULL DEFAULT '09:00',
    PRIMARY KEY (policy, position),
    CONSTRAINT policy_step_max_outstanding_not_below_min CHECK (max_outstanding >= min_outstanding),
    -- Before the due date nothing is owed yet: only a courteous reminder by e-mail or SMS.
    CONSTRAINT policy_step_before_due_date_is_reminder_by_email_or_sms
        CHECK (offset_days >= 0 OR (stage = 'reminder' AND channel IN ('email', 'sms'))),
    -- A task step opens a task of this kind for a collector.
    CONSTRAINT policy_step_task_channel_uses_task_template
        CHECK (channel <> 'task' OR template IN ('call', 'agency_handoff', 'small_claims', 'court_file'))
);

COMMENT ON TABLE @schema@.policy_steps IS
    'The steps of a policy, by position. A negative offset_days is a courtesy step, sent per invoice before its '
    'due date; the others are case steps, counted from the earliest due date of the debtor''s collectible invoices.';
COMMENT ON COLUMN @schema@.policy_steps.offset_days IS
    'Days from the due date (negative: before it). Never decreases with position.';
COMMENT ON COLUMN @schema@.policy_steps.template IS
    'The message template; for channel task the kind of task opened (call, agency_handoff, small_claims, court_file).';
COMMENT ON COLUMN @schema@.policy_steps.min_outstanding IS
    'The step applies only while the collectible overdue total is at least this.';
COMMENT ON COLUMN @schema@.policy_steps.max_outstanding IS
    'The step applies only while the collectible overdue total is at most this; NULL = no limit.';
COMMENT ON COLUMN @schema@.policy_steps.requires_approval IS
    'When due, the step is held and an approval task opened; it runs once approved (decide_approval).';
COMMENT ON COLUMN @schema@.policy_steps.send_at IS 'Local time of day (the debtor''s zone) the step is sent at.';

-- Checked at commit, so that steps can be renumbered or replaced within a transaction.
CREATE FUNCTION @schema@.check_policy_steps() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
    targets text[];
    target text;
    wrong record;
BEGIN
    IF TG_TABLE_NAME = 'policies' THEN
        targets := ARRAY[NEW.name];
    ELSIF TG_OP = 'DELETE' THEN
        targets := ARRAY[OLD.policy];
    ELSIF TG_OP = 'UPDATE' THEN
        targets := ARRAY[OLD.policy, NEW.policy];
    ELSE
        targets := ARRAY[NEW.policy];
    END IF;
    FOREACH target IN ARRAY targets LOOP
        -- A policy deleted with its steps (or renamed since) has nothing left to check.
        CONTINUE WHEN NOT EXISTS (SELECT 1 FROM @schema@.policies p WHERE p.name = target);
        IF NOT EXISTS (SELECT 1 FROM @schema@.policy_steps s WHERE s.policy = target) THEN
            RAISE EXCEPTION 'policy "%" has no steps', target
                USING ERRCODE = 'check_violation', CONSTRAINT = 'policy_has_a_step',
                      SCHEMA = TG_TABLE_SCHEMA, TABLE = 'policy_steps',
                      HINT = 'A policy keeps at least one step: add one in the same transaction, or delete the policy.';
        END IF;
        SELECT s.position, s.offset_days, s.previous_position, s.previous_offset INTO wrong
        FROM (SELECT s1.position, s1.offset_days,
                     lag(s1.position) OVER w AS previous_position, lag(s1.offset_days) OVER w AS previous_offset
              FROM @schema@.policy_steps s1 WHERE s1.policy = target
              WINDOW w AS (ORDER BY s1.position)) s
        WHERE s.offset_days < s.previous_offset
        ORDER BY s.position
        LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'policy "%": step % has offset_days % but comes after step % with offset_days %',
                            target, wrong.position, wrong.offset_days, wrong.previous_position, wrong.previous_offset
                USING ERRCODE = 'check_violation', CONSTRAINT = 'policy_step_offsets_non_decreasing',
                      SCHEMA = TG_TABLE_SCHEMA, TABLE = 'policy_steps',
                      HINT = 'Steps happen in position order: number them in the order of their offsets, '
                             'or change the offsets so that they never decrease.';
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER policy_steps_checked AFTER INSERT OR UPDATE OR DELETE ON @schema@.policy_steps
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION @schema@.check_policy_steps();
CREATE CONSTRAINT TRIGGER policies_have_steps AFTER INSERT ON @schema@.policies
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION @schema@.check_policy_steps();

CREATE FUNCTION @schema@.policy_touched() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER policies_touch_updated_at BEFORE UPDATE ON @schema@.policies
    FOR EACH ROW EXECUTE FUNCTION @schema@.policy_touched();

-- The two default policies. Offsets are days from the due date.
INSERT INTO @schema@.policies (name, description, debtor_kind, priority, grace_days) VALUES
    ('business', 'Default for business debtors: courtesy e-mail 3 days before the due date, two reminders, a call, '
                 'a formal notice at 30 days, then small claims (up to 5,000) or a collection agency (above), '
                 'and court at 75 days, each of the last three after approval.', 'business', 100, 3),
    ('consumer', 'Default for consumers: courtesy e-mail 3 days before the due date, two reminders, a call, '
                 'a formal notice at 35 days, then small claims (up to 5,000) or a collection agency (above), '
                 'and court at 90 days, each of the last three after approval.', 'consumer', 100, 3);

INSERT INTO @schema@.policy_steps
    (policy, position, offset_days, stage, channel, template, min_outstanding, max_outstanding, requires_approval)
VALUES
    ('business', 1, -3, 'reminder', 'email', 'courtesy', 0, NULL, false),
    ('business', 2, 1, 'reminder', 'email', 'reminder1', 0, NULL, false),
    ('business', 3, 8, 'reminder', 'email', 'reminder2', 0, NULL, false),
    ('business', 4, 15, 'call', 'task', 'call', 0, NULL, false),
    ('business', 5, 30, 'formal_notice', 'letter', 'formal_notice', 0, NULL, false),
    ('business', 6, 45, 'small_claims', 'task', 'small_claims', 0, 5000, true),
    ('business', 7, 45, 'agency', 'task', 'agency_handoff', 5000.01, NULL, true),
    ('business', 8, 75, 'legal', 'task', 'court_file', 0, NULL, true),
    ('consumer', 1, -3, 'reminder', 'email', 'courtesy', 0, NULL, false),
    ('consumer', 2, 1, 'reminder', 'email', 'reminder1', 0, NULL, false),
    ('consumer', 3, 10, 'reminder', 'email', 'reminder2', 0, NULL, false),
    ('consumer', 4, 20, 'call', 'task', 'call', 0, NULL, false),
    ('consumer', 5, 35, 'formal_notice', 'letter', 'formal_notice', 0, NULL, false),
    ('consumer', 6, 60, 'small_claims', 'task', 'small_claims', 0, 5000, true),
    ('consumer', 7, 60, 'agency', 'task', 'agency_handoff', 5000.01, NULL, true),
    ('consumer', 8, 90, 'legal', 'task', 'court_file', 0, NULL, true);

ALTER TABLE @schema@.debtors
    ADD COLUMN policy text
        CONSTRAINT debtor_policy_must_exist REFERENCES @schema@.policies (name) ON UPDATE CASCADE;

COMMENT ON COLUMN @schema@.debtors.policy IS 'The policy this debtor follows whatever the usual choice; NULL = chosen by policies.priority.';

-- Lets a dispute check that the invoice it names is its debtor's.
ALTER TABLE @schema@.invoices ADD CONSTRAINT invoice_id_debtor_unique UNIQUE (id, debtor_id);

-- ---------------------------------------------------------------------------------------------
-- Cases and what was agreed with the debtor
-- ---------------------------------------------------------------------------------------------

CREATE TABLE @schema@.cases (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    debtor_id         bigint NOT NULL
                      CONSTRAINT case_debtor_must_exist REFERENCES @schema@.debtors (id),
    policy            text NOT NULL
                      CONSTRAINT case_policy_must_exist REFERENCES @schema@.policies (name) ON UPDATE CASCADE,
    state             text NOT NULL DEFAULT 'open'
                      CONSTRAINT case_state_open_or_closed CHECK (state IN ('open', 'closed')),
    stage             text
                      CONSTRAINT case_stage_known
                      CHECK (stage IN ('reminder', 'call', 'formal_notice', 'agency', 'small_claims', 'legal')),
    position          integer NOT NULL DEFAULT 0
                      CONSTRAINT case_position_0_to_50 CHECK (position BETWEEN 0 AND 50),
    last_step_at      timestamptz,
    expedite          boolean NOT NULL DEFAULT false,
    formal_notice_on  date,
    opened_at         timestamptz NOT NULL DEFAULT now(),
    closed_at         timestamptz,
    close_reason      text
                      CONSTRAINT case_close_reason_known
                      CHECK (close_reason IN ('paid', 'promise_kept', 'plan_completed', 'written_off', 'dispute_upheld')),
    CONSTRAINT case_closed_has_time_and_reason
        CHECK ((state = 'closed') = (closed_at IS NOT NULL AND close_reason IS NOT NULL)
               AND (state = 'open') = (closed_at IS NULL AND close_reason IS NULL))
);

CREATE UNIQUE INDEX cases_one_open_per_debtor ON @schema@.cases (debtor_id) WHERE state = 'open';
CREATE INDEX cases_debtor ON @schema@.cases (debtor_id, opened_at);
CREATE INDEX cases_open_policy ON @schema@.cases (policy) WHERE state = 'open';

COMMENT ON TABLE @schema@.cases IS
    'A debtor''s collection while something overdue is outstanding; opened and closed by the daemon. '
    'All the debtor''s overdue invoices are worked together.';
COMMENT ON COLUMN @schema@.cases.position IS 'The position of the last policy step done (executed or skipped); 0 = none yet.';
COMMENT ON COLUMN @schema@.cases.expedite IS 'Set by a call outcome "escalate": the next step is due at once.';
COMMENT ON COLUMN @schema@.cases.formal_notice_on IS 'The day (tenant zone) the formal notice was sent.';

CREATE TABLE @schema@.promises (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id      bigint NOT NULL CONSTRAINT promise_case_must_exist REFERENCES @schema@.cases (id),
    debtor_id    bigint NOT NULL CONSTRAINT promise_debtor_must_exist REFERENCES @schema@.debtors (id),
    amount       numeric(14, 2) NOT NULL CONSTRAINT promise_amount_positive CHECK (amount > 0),
    currency     text NOT NULL DEFAULT 'EUR'
                 CONSTRAINT promise_currency_iso4217 CHECK (recouvre.is_currency(currency)),
    promised_on  date NOT NULL,
    grace_days   integer NOT NULL CONSTRAINT promise_grace_days_0_to_30 CHECK (grace_days BETWEEN 0 AND 30),
    paid_before  numeric(14, 2) NOT NULL CONSTRAINT promise_paid_before_not_negative CHECK (paid_before >= 0),
    state        text NOT NULL DEFAULT 'open'
                 CONSTRAINT promise_state_known CHECK (state IN ('open', 'kept', 'broken', 'cancelled')),
    note         text,
    made_by      text NOT NULL DEFAULT current_user,
    made_at      timestamptz NOT NULL DEFAULT now(),
    settled_at   timestamptz,
    CONSTRAINT promise_settled_unless_open CHECK ((state = 'open') = (settled_at IS NULL))
);

CREATE UNIQUE INDEX promises_one_open_per_case ON @schema@.promises (case_id) WHERE state = 'open';
CREATE INDEX promises_debtor ON @schema@.promises (debtor_id, made_at);

COMMENT ON TABLE @schema@.promises IS
    'A debtor''s promise to pay an amount by a day. Case steps wait until promised_on + grace_days; kept once the '
    'debtor paid the amount since (their total paid − paid_before) or nothing overdue remains.';
COMMENT ON COLUMN @schema@.promises.paid_before IS
    'The debtor''s total payments in the promise''s currency when it was made.';

CREATE TABLE @schema@.payment_plans (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id      bigint NOT NULL CONSTRAINT plan_case_must_exist REFERENCES @schema@.cases (id),
    debtor_id    bigint NOT NULL CONSTRAINT plan_debtor_must_exist REFERENCES @schema@.debtors (id),
    currency     text NOT NULL DEFAULT 'EUR'
                 CONSTRAINT plan_currency_iso4217 CHECK (recouvre.is_currency(currency)),
    total        numeric(14, 2) NOT NULL CONSTRAINT plan_total_positive CHECK (total > 0),
    grace_days   integer NOT NULL CONSTRAINT plan_grace_days_0_to_30 CHECK (grace_days BETWEEN 0 AND 30),
    paid_before  numeric(14, 2) NOT NULL CONSTRAINT plan_paid_before_not_negative CHECK (paid_before >= 0),
    state        text NOT NULL DEFAULT 'active'
                 CONSTRAINT plan_state_known CHECK (state IN ('active', 'completed', 'broken', 'cancelled')),
    note         text,
    created_by   text NOT NULL DEFAULT current_user,
    created_at   timestamptz NOT NULL DEFAULT now(),
    ended_at     timestamptz,
    CONSTRAINT plan_ended_unless_active CHECK ((state = 'active') = (ended_at IS NULL))
);

CREATE UNIQUE INDEX payment_plans_one_active_per_case ON @schema@.payment_plans (case_id) WHERE state = 'active';
CREATE INDEX payment_plans_debtor ON @schema@.payment_plans (debtor_id, created_at);

COMMENT ON TABLE @schema@.payment_plans IS
    'An échéancier: the collectible overdue outstanding paid in instalments. Instalment k is paid once the debtor '
    'paid, since the plan was made, at least the sum of instalments 1..k.';
COMMENT ON COLUMN @schema@.payment_plans.paid_before IS
    'The debtor''s total payments in the plan''s currency when it was made.';

CREATE TABLE @schema@.plan_instalments (
    plan_id  bigint NOT NULL
             CONSTRAINT instalment_plan_must_exist REFERENCES @schema@.payment_plans (id) ON DELETE CASCADE,
    number   integer NOT NULL CONSTRAINT instalment_number_from_1 CHECK (number >= 1),
    due_on   date NOT NULL,
    amount   numeric(14, 2) NOT NULL CONSTRAINT instalment_amount_positive CHECK (amount > 0),
    PRIMARY KEY (plan_id, number),
    CONSTRAINT instalment_due_on_unique_in_plan UNIQUE (plan_id, due_on)
);

CREATE TABLE @schema@.reductions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    debtor_id   bigint NOT NULL,
    invoice_id  bigint NOT NULL,
    currency    text NOT NULL,
    kind        text NOT NULL DEFAULT 'reduction'
                CONSTRAINT reduction_kind_known CHECK (kind IN ('reduction', 'credit_note', 'write_off')),
    amount      numeric(14, 2) NOT NULL CONSTRAINT reduction_amount_positive CHECK (amount > 0),
    reason      text NOT NULL CONSTRAINT reduction_reason_not_blank CHECK (btrim(reason) <> ''),
    granted_by  text NOT NULL DEFAULT current_user,
    granted_on  date NOT NULL DEFAULT (now() AT TIME ZONE @schema@.time_zone())::date,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reduction_invoice_of_same_debtor_and_currency
        FOREIGN KEY (invoice_id, debtor_id, currency) REFERENCES @schema@.invoices (id, debtor_id, currency)
);

CREATE INDEX reductions_invoice ON @schema@.reductions (invoice_id);
CREATE INDEX reductions_debtor ON @schema@.reductions (debtor_id);

COMMENT ON TABLE @schema@.reductions IS
    'Amounts taken off an invoice by the creditor (remise, credit note, write-off): they lower its balance from '
    'granted_on like a payment naming it, but do not acknowledge the debt. Never more than the outstanding.';
COMMENT ON COLUMN @schema@.reductions.debtor_id IS 'The invoice''s debtor; filled in from the invoice when left out.';
COMMENT ON COLUMN @schema@.reductions.currency IS 'The invoice''s currency; filled in from the invoice when left out.';
COMMENT ON COLUMN @schema@.reductions.granted_on IS 'The day it takes effect (default: today in the tenant''s zone).';

CREATE TABLE @schema@.disputes (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    debtor_id        bigint NOT NULL CONSTRAINT dispute_debtor_must_exist REFERENCES @schema@.debtors (id),
    invoice_id       bigint,
    reason           text NOT NULL CONSTRAINT dispute_reason_not_blank CHECK (btrim(reason) <> ''),
    state            text NOT NULL DEFAULT 'open'
                     CONSTRAINT dispute_state_open_or_resolved CHECK (state IN ('open', 'resolved')),
    resolution       text CONSTRAINT dispute_resolution_resume_or_cancel CHECK (resolution IN ('resume', 'cancel')),
    resolution_note  text,
    opened_by        text NOT NULL DEFAULT current_user,
    opened_at        timestamptz NOT NULL DEFAULT now(),
    resolved_by      text,
    resolved_at      timestamptz,
    CONSTRAINT dispute_invoice_of_same_debtor
        FOREIGN KEY (invoice_id, debtor_id) REFERENCES @schema@.invoices (id, debtor_id),
    CONSTRAINT dispute_resolved_has_resolution_time_and_author
        CHECK ((state = 'resolved') = (resolution IS NOT NULL AND resolved_at IS NOT NULL AND resolved_by IS NOT NULL)
               AND (state = 'open') = (resolution IS NULL AND resolved_at IS NULL AND resolved_by IS NULL))
);

CREATE UNIQUE INDEX disputes_one_open_per_target ON @schema@.disputes (debtor_id, coalesce(invoice_id, 0))
    WHERE state = 'open';

COMMENT ON TABLE @schema@.disputes IS
    'A litige: the debtor contests one invoice (invoice_id) or everything (invoice_id NULL). While open, the invoice '
    'leaves the collectible set, or all case steps pause.';
COMMENT ON COLUMN @schema@.disputes.resolution IS
    'resume: collection goes on; cancel: the disputed outstanding is written off.';

CREATE TABLE @schema@.tasks (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    debtor_id     bigint NOT NULL CONSTRAINT task_debtor_must_exist REFERENCES @schema@.debtors (id),
    case_id       bigint CONSTRAINT task_case_must_exist REFERENCES @schema@.cases (id),
    action_id     bigint CONSTRAINT task_action_must_exist REFERENCES @schema@.actions (id),
    kind          text NOT NULL
                  CONSTRAINT task_kind_known
                  CHECK (kind IN ('call', 'approval', 'agency_handoff', 'small_claims', 'court_file')),
    state         text NOT NULL DEFAULT 'open'
                  CONSTRAINT task_state_known CHECK (state IN ('open', 'done', 'cancelled')),
    title         text NOT NULL CONSTRAINT task_title_not_blank CHECK (btrim(title) <> ''),
    deadline      timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz,
    completed_by  text,
    outcome       jsonb,
    CONSTRAINT task_approval_names_its_action CHECK (kind <> 'approval' OR action_id IS NOT NULL),
    -- A step that needs approval opens an approval task, then, once approved, its own task.
    CONSTRAINT task_one_per_action_and_kind UNIQUE (action_id, kind),
    CONSTRAINT task_completed_unless_open CHECK ((state = 'open') = (completed_at IS NULL))
);

CREATE INDEX tasks_open ON @schema@.tasks (deadline, id) WHERE state = 'open';
CREATE INDEX tasks_debtor ON @schema@.tasks (debtor_id, created_at);

COMMENT ON TABLE @schema@.tasks IS
    'Work for collectors: a call to make, a step to approve, a hand-off to an agency, a small-claims or court file. '
    'Closed with record_call_outcome, decide_approval or complete_task.';
COMMENT ON COLUMN @schema@.tasks.action_id IS 'The step action that opened it; for an approval task, the held step.';
COMMENT ON COLUMN @schema@.tasks.outcome IS 'What the collector recorded when closing it.';

-- ---------------------------------------------------------------------------------------------
-- Actions: the procedure's work
-- ---------------------------------------------------------------------------------------------

-- Reviews replace the per-invoice planning of 0001, and case steps its per-invoice reminders.
UPDATE @schema@.actions SET kind = 'review_debtor' WHERE kind = 'plan_invoice';
UPDATE @schema@.actions
SET state = 'cancelled', last_error = 'replaced by the debtor''s case steps', finished_at = now(), updated_at = now()
WHERE kind = 'email_reminder' AND state IN ('scheduled', 'running');
DELETE FROM @schema@.actions WHERE kind = 'email_reminder';
DROP INDEX @schema@.actions_one_reminder_per_step;

ALTER TABLE @schema@.actions
    DROP CONSTRAINT action_kind_known,
    ADD CONSTRAINT action_kind_known
        CHECK (kind IN ('review_debtor', 'step', 'courtesy', 'instalment_reminder')),
    DROP CONSTRAINT action_channel_known,
    ADD CONSTRAINT action_channel_known CHECK (channel IN ('none', 'email', 'letter', 'sms', 'webhook', 'task')),
    DROP CONSTRAINT action_state_known,
    ADD CONSTRAINT action_state_known
        CHECK (state IN ('scheduled', 'running', 'succeeded', 'failed', 'cancelled', 'dead', 'held')),
    ADD COLUMN case_id bigint CONSTRAINT action_case_must_exist REFERENCES @schema@.cases (id),
    ADD COLUMN plan_id bigint CONSTRAINT action_plan_must_exist REFERENCES @schema@.payment_plans (id),
    ADD COLUMN instalment integer CONSTRAINT action_instalment_from_1 CHECK (instalment >= 1),
    ADD COLUMN stage text
        CONSTRAINT action_stage_known
        CHECK (stage IN ('reminder', 'call', 'formal_notice', 'agency', 'small_claims', 'legal')),
    ADD COLUMN approved_at timestamptz,
    ADD COLUMN approved_by text,
    ADD CONSTRAINT action_step_names_its_case CHECK (kind <> 'step' OR case_id IS NOT NULL),
    ADD CONSTRAINT action_courtesy_names_its_invoice CHECK (kind <> 'courtesy' OR invoice_id IS NOT NULL),
    ADD CONSTRAINT action_instalment_reminder_names_its_instalment
        CHECK (kind <> 'instalment_reminder' OR (plan_id IS NOT NULL AND instalment IS NOT NULL)),
    ADD CONSTRAINT action_held_only_for_steps CHECK (state <> 'held' OR kind = 'step'),
    ADD CONSTRAINT action_approved_has_author CHECK ((approved_at IS NULL) = (approved_by IS NULL));

COMMENT ON COLUMN @schema@.actions.case_id IS 'The case a step belongs to.';
COMMENT ON COLUMN @schema@.actions.plan_id IS 'The payment plan of an instalment reminder.';
COMMENT ON COLUMN @schema@.actions.instalment IS 'The instalment number an instalment reminder is about.';
COMMENT ON COLUMN @schema@.actions.stage IS 'The procedure stage of a step or courtesy action.';
COMMENT ON COLUMN @schema@.actions.approved_at IS 'When a step that requires approval was approved (decide_approval).';

CREATE UNIQUE INDEX actions_one_step_per_case ON @schema@.actions (case_id, step)
    WHERE kind = 'step' AND state <> 'cancelled';
CREATE UNIQUE INDEX actions_one_courtesy_per_invoice_step ON @schema@.actions (invoice_id, step)
    WHERE kind = 'courtesy' AND state <> 'cancelled';
CREATE UNIQUE INDEX actions_one_reminder_per_instalment ON @schema@.actions (plan_id, instalment, template)
    WHERE kind = 'instalment_reminder' AND state <> 'cancelled';
CREATE INDEX actions_held ON @schema@.actions (debtor_id) WHERE state = 'held';

-- One pending review per debtor. Reviews queued twice before this index existed are merged
-- into the earliest.
UPDATE @schema@.actions a
SET state = 'cancelled', last_error = 'merged into an earlier review of the debtor', finished_at = now(), updated_at = now()
WHERE a.kind = 'review_debtor' AND a.state = 'scheduled' AND a.debtor_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM @schema@.actions b
              WHERE b.kind = 'review_debtor' AND b.state = 'scheduled' AND b.debtor_id = a.debtor_id
                AND (b.due_at, b.id) < (a.due_at, a.id));

CREATE UNIQUE INDEX actions_one_scheduled_review_per_debtor ON @schema@.actions (debtor_id)
    WHERE kind = 'review_debtor' AND state = 'scheduled';

-- Asks the daemon to look at a debtor now: the debtor's one scheduled review is brought
-- forward to now, or created. Returns the review's action id.
CREATE FUNCTION @schema@.request_review(debtor_id bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
#variable_conflict use_column
DECLARE
    review bigint;
BEGIN
    IF request_review.debtor_id IS NULL THEN
        RAISE EXCEPTION 'request_review: debtor_id is NULL'
            USING ERRCODE = 'null_value_not_allowed', HINT = 'Pass the id of the debtor to review (debtors.id).';
    END IF;
    INSERT INTO @schema@.actions AS a (kind, debtor_id, due_at)
    VALUES ('review_debtor', request_review.debtor_id, now())
    ON CONFLICT (debtor_id) WHERE kind = 'review_debtor' AND state = 'scheduled'
    DO UPDATE SET due_at = least(a.due_at, excluded.due_at), updated_at = now()
    RETURNING a.id INTO review;
    RETURN review;
END
$$;

COMMENT ON FUNCTION @schema@.request_review(bigint) IS
    'Brings the debtor''s one scheduled review_debtor action forward to now, or creates it; returns its id.';

-- A review put back in the queue (a retry, a temporary failure) while another was requested
-- meanwhile is merged into that one rather than breaking the one-review rule.
CREATE FUNCTION @schema@.review_requeued() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    other bigint;
BEGIN
    UPDATE @schema@.actions a SET due_at = least(a.due_at, NEW.due_at), updated_at = now()
    WHERE a.kind = 'review_debtor' AND a.state = 'scheduled' AND a.debtor_id = NEW.debtor_id AND a.id <> NEW.id
    RETURNING a.id INTO other;
    IF other IS NOT NULL THEN
        NEW.state := 'cancelled';
        NEW.last_error := format('merged into review %s, already scheduled for the debtor', other);
        NEW.lease_owner := NULL;
        NEW.lease_expires_at := NULL;
        NEW.finished_at := now();
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER actions_merge_requeued_review BEFORE UPDATE OF state ON @schema@.actions
    FOR EACH ROW
    WHEN (NEW.kind = 'review_debtor' AND NEW.state = 'scheduled' AND OLD.state <> 'scheduled' AND NEW.debtor_id IS NOT NULL)
    EXECUTE FUNCTION @schema@.review_requeued();

-- New invoices and re-dated ones make the daemon review their debtor (one review per debtor,
-- whatever the number of invoices an import inserts).
CREATE OR REPLACE FUNCTION @schema@.invoices_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    debtor bigint;
BEGIN
    INSERT INTO @schema@.events (kind, debtor_id, invoice_id, detail)
    SELECT 'invoice_recorded', i.debtor_id, i.id,
           jsonb_build_object('number', i.number, 'amount', i.amount, 'currency', i.currency,
                              'due_on', i.due_on)
    FROM inserted i;
    FOR debtor IN SELECT DISTINCT i.debtor_id FROM inserted i ORDER BY 1 LOOP
        PERFORM @schema@.request_review(debtor);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION @schema@.invoice_due_on_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    INSERT INTO @schema@.events (kind, debtor_id, invoice_id, detail)
    VALUES ('invoice_due_date_changed', NEW.debtor_id, NEW.id,
            jsonb_build_object('from', OLD.due_on, 'to', NEW.due_on));
    PERFORM @schema@.request_review(NEW.debtor_id);
    RETURN NULL;
END
$$;

-- A payment is journaled and makes the daemon review its debtor (one review per debtor).
CREATE OR REPLACE FUNCTION @schema@.payments_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    debtor bigint;
BEGIN
    INSERT INTO @schema@.events (kind, debtor_id, invoice_id, detail)
    SELECT 'payment_received', p.debtor_id, p.invoice_id,
           jsonb_build_object('payment_id', p.id, 'amount', p.amount, 'currency', p.currency,
                              'received_on', p.received_on, 'reference', p.reference)
    FROM inserted p;
    -- In id order, so that concurrent statements queue reviews without deadlocking.
    FOR debtor IN SELECT DISTINCT p.debtor_id FROM inserted p ORDER BY 1 LOOP
        PERFORM @schema@.request_review(debtor);
    END LOOP;
    RETURN NULL;
END
$$;

-- A change of a debtor's kind or policy override may change its policy.
CREATE FUNCTION @schema@.debtor_procedure_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    PERFORM @schema@.request_review(NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER debtors_review_policy_change AFTER UPDATE OF policy, kind ON @schema@.debtors
    FOR EACH ROW WHEN (OLD.policy IS DISTINCT FROM NEW.policy OR OLD.kind IS DISTINCT FROM NEW.kind)
    EXECUTE FUNCTION @schema@.debtor_procedure_changed();

-- Reviews every debtor with an open case on one of these policies.
CREATE FUNCTION @schema@.review_open_cases(policy_names text[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    debtor bigint;
    reviewed integer := 0;
BEGIN
    FOR debtor IN SELECT DISTINCT c.debtor_id FROM @schema@.cases c
                  WHERE c.state = 'open' AND c.policy = ANY (policy_names) ORDER BY 1 LOOP
        PERFORM @schema@.request_review(debtor);
        reviewed := reviewed + 1;
    END LOOP;
    RETURN reviewed;
END
$$;

REVOKE EXECUTE ON FUNCTION @schema@.review_open_cases(text[]) FROM PUBLIC;

CREATE FUNCTION @schema@.policy_steps_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    PERFORM @schema@.review_open_cases(ARRAY(SELECT DISTINCT s.policy FROM changed s));
    RETURN NULL;
END
$$;

CREATE FUNCTION @schema@.policy_steps_updated() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    PERFORM @schema@.review_open_cases(ARRAY(SELECT s.policy FROM old_steps s UNION SELECT s.policy FROM new_steps s));
    RETURN NULL;
END
$$;

CREATE FUNCTION @schema@.policies_updated() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    PERFORM @schema@.review_open_cases(ARRAY(SELECT p.name FROM changed p));
    RETURN NULL;
END
$$;

CREATE TRIGGER policy_steps_review_inserted AFTER INSERT ON @schema@.policy_steps
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION @schema@.policy_steps_changed();
CREATE TRIGGER policy_steps_review_deleted AFTER DELETE ON @schema@.policy_steps
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION @schema@.policy_steps_changed();
CREATE TRIGGER policy_steps_review_updated AFTER UPDATE ON @schema@.policy_steps
    REFERENCING OLD TABLE AS old_steps NEW TABLE AS new_steps
    FOR EACH STATEMENT EXECUTE FUNCTION @schema@.policy_steps_updated();
CREATE TRIGGER policies_review_updated AFTER UPDATE ON @schema@.policies
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION @schema@.policies_updated();

-- ---------------------------------------------------------------------------------------------
-- Balances with reductions
-- ---------------------------------------------------------------------------------------------

-- As in 0001, and reductions lower an invoice like payments naming it, before the pool.
-- amount = paid + reduced + outstanding.
CREATE OR REPLACE VIEW @schema@.invoice_balances AS
WITH direct AS (
    SELECT invoice_id, sum(amount) AS paid
    FROM @schema@.payments
    WHERE invoice_id IS NOT NULL
    GROUP BY invoice_id
), reduced AS (
    SELECT invoice_id, sum(amount) AS reduced
    FROM @schema@.reductions
    GROUP BY invoice_id
), pool AS (
    SELECT debtor_id, currency, sum(amount) AS unallocated
    FROM @schema@.payments
    WHERE invoice_id IS NULL
    GROUP BY debtor_id, currency
), after_direct AS (
    SELECT i.id, i.debtor_id, i.number, i.currency, i.issued_on, i.due_on, i.amount,
           least(coalesce(r.reduced, 0), i.amount) AS reduced,
           least(coalesce(d.paid, 0), i.amount - least(coalesce(r.reduced, 0), i.amount)) AS paid_direct,
           greatest(i.amount - coalesce(r.reduced, 0) - coalesce(d.paid, 0), 0) AS open_after_direct
    FROM @schema@.invoices i
    LEFT JOIN direct d ON d.invoice_id = i.id
    LEFT JOIN reduced r ON r.invoice_id = i.id
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
       greatest(current_date - due_on, 0) AS days_overdue,
       reduced
FROM allocated;

COMMENT ON VIEW @schema@.invoice_balances IS
    'Amount, paid, reduced and outstanding per invoice (amount = paid + reduced + outstanding); days_overdue counts '
    'from the server''s current date.';

-- A reduction never takes off more than the invoice still owes. The invoice row is locked so
-- that two reductions of one invoice are checked one after the other.
CREATE FUNCTION @schema@.reduction_checked() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    invoice record;
    owed numeric;
BEGIN
    SELECT i.id, i.number, i.debtor_id, i.currency INTO invoice
    FROM @schema@.invoices i WHERE i.id = NEW.invoice_id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key names the problem
    END IF;
    NEW.debtor_id := coalesce(NEW.debtor_id, invoice.debtor_id);
    NEW.currency := coalesce(NEW.currency, invoice.currency);
    SELECT b.outstanding INTO owed
    FROM @schema@.invoice_balances b WHERE b.debtor_id = invoice.debtor_id AND b.invoice_id = invoice.id;
    IF NEW.amount > owed THEN
        RAISE EXCEPTION 'a % of % % on invoice % is more than its outstanding % %',
                        replace(NEW.kind, '_', ' '), NEW.amount, invoice.currency, invoice.number, owed, invoice.currency
            USING ERRCODE = 'check_violation', CONSTRAINT = 'reduction_not_above_outstanding',
                  SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
                  HINT = CASE WHEN owed = 0 THEN 'The invoice is settled: there is nothing left to take off.'
                              ELSE format('Take off at most %s %s; write_off(%s, reason) takes off exactly what is left.',
                                          owed, invoice.currency, invoice.id) END;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER reductions_not_above_outstanding BEFORE INSERT ON @schema@.reductions
    FOR EACH ROW EXECUTE FUNCTION @schema@.reduction_checked();

CREATE FUNCTION @schema@.reductions_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    debtor bigint;
BEGIN
    INSERT INTO @schema@.events (kind, debtor_id, invoice_id, actor, detail)
    SELECT 'reduction_granted', r.debtor_id, r.invoice_id, r.granted_by,
           jsonb_build_object('reduction_id', r.id, 'kind', r.kind, 'amount', r.amount, 'currency', r.currency,
                              'reason', r.reason, 'granted_on', r.granted_on)
    FROM inserted r ORDER BY r.id;
    FOR debtor IN SELECT DISTINCT r.debtor_id FROM inserted r ORDER BY 1 LOOP
        PERFORM @schema@.request_review(debtor);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER reductions_review_inserted AFTER INSERT ON @schema@.reductions
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @schema@.reductions_inserted();

-- claim_statement as in 0002, with reductions: a reduction granted on day g lowers the balance
-- from day g + 1 like a payment naming the invoice, but it is the creditor's act and does not
-- restart the prescription. Still SECURITY INVOKER: the caller now also needs SELECT on reductions.
CREATE OR REPLACE FUNCTION @schema@.claim_statement(debtor_id bigint, as_of date DEFAULT current_date)
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
    -- A formal notice covers the invoices it lists (the daemon's notices do), or, when it lists
    -- none (one recorded by hand or imported), every invoice of the debtor.
    SELECT (e.occurred_at AT TIME ZONE tz.name)::date AS day,
           CASE WHEN jsonb_typeof(e.detail -> 'invoice_ids') = 'array' THEN e.detail -> 'invoice_ids' END AS invoice_ids
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
), red AS (
    -- A credit note, or a write-off upholding a dispute, says the amount was never owed: it
    -- lowers the balance from the due date, so no penalty is claimed on it. A reduction or
    -- another write-off lowers it from the day it was granted.
    SELECT r.invoice_id, r.amount,
           CASE WHEN r.kind = 'credit_note' OR (r.kind = 'write_off' AND r.reason LIKE 'dispute upheld:%')
                THEN least(r.granted_on, i.due_on) ELSE r.granted_on END AS granted_on
    FROM @schema@.reductions r JOIN @schema@.invoices i ON i.id = r.invoice_id
    WHERE r.debtor_id = claim_statement.debtor_id AND r.granted_on <= claim_statement.as_of
), direct AS (
    SELECT x.invoice_id, sum(x.amount) AS paid
    FROM (SELECT pay.invoice_id, pay.amount FROM pay WHERE pay.invoice_id IS NOT NULL
          UNION ALL SELECT red.invoice_id, red.amount FROM red) x
    GROUP BY x.invoice_id
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
    -- Every dated amount that lowers an invoice's balance; payments also acknowledge the debt.
    SELECT pay.invoice_id, pay.received_on AS day, pay.amount, true AS acknowledges
    FROM pay WHERE pay.invoice_id IS NOT NULL
    UNION ALL
    SELECT red.invoice_id, red.granted_on, red.amount, false FROM red
    UNION ALL
    SELECT c.id, pool.received_on,
           least(c.open_before + c.open, pool.pool_before + pool.amount) - greatest(c.open_before, pool.pool_before),
           true
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
                THEN (SELECT CASE WHEN min(n.day) IS NULL THEN NULL ELSE greatest(i.due_on + 1, min(n.day) + 1) END
                      FROM notice n WHERE n.invoice_ids IS NULL OR n.invoice_ids @> to_jsonb(i.id))
                ELSE i.due_on + 1 END AS interest_from
    FROM @schema@.invoices i, debtor
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
                    SELECT m.day FROM movements m WHERE m.invoice_id = pr.id AND m.acknowledges
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
    'Per unpaid or late invoice of the debtor: principal after payments and reductions, days late, rates applied, '
    'penalty, €40 indemnity, total and prescription date as of a day (docs/sql-api.md).';

-- ---------------------------------------------------------------------------------------------
-- Helpers of the procedure functions
-- ---------------------------------------------------------------------------------------------

-- Today in the tenant's time zone: the day promises, plans and reductions are dated by.
CREATE FUNCTION @schema@.local_today() RETURNS date
    LANGUAGE sql STABLE SET search_path = pg_catalog
    RETURN (now() AT TIME ZONE @schema@.time_zone())::date;

COMMENT ON FUNCTION @schema@.local_today() IS 'Today in the tenant''s time zone.';

-- The debtor's invoices that are overdue (due before today, tenant zone) with something
-- outstanding, and whether an open dispute covers each (its own, or one on the whole debtor).
-- Collectible = not disputed.
CREATE FUNCTION @schema@.overdue_invoices(debtor_id bigint)
    RETURNS TABLE (invoice_id bigint, number text, currency text, due_on date, outstanding numeric, disputed boolean)
    LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    SELECT b.invoice_id, b.number, b.currency, b.due_on, b.outstanding,
           EXISTS (SELECT 1 FROM @schema@.disputes d
                   WHERE d.debtor_id = b.debtor_id AND d.state = 'open'
                     AND (d.invoice_id IS NULL OR d.invoice_id = b.invoice_id))
    FROM @schema@.invoice_balances b
    WHERE b.debtor_id = overdue_invoices.debtor_id AND b.outstanding > 0 AND b.due_on < @schema@.local_today()
    ORDER BY b.due_on, b.invoice_id
$$;

COMMENT ON FUNCTION @schema@.overdue_invoices(bigint) IS
    'The debtor''s overdue invoices with something outstanding; disputed = covered by an open dispute.';

-- Who did it: the author a function was given, else the login role.
CREATE FUNCTION @schema@.actor(author text) RETURNS text
    LANGUAGE sql STABLE SET search_path = pg_catalog
    RETURN coalesce(nullif(btrim(author), ''), session_user::text);

-- Locks a debtor's row (the daemon locks it too while it works on the debtor) and returns it.
CREATE FUNCTION @schema@.lock_debtor(debtor_id bigint) RETURNS @schema@.debtors
    LANGUAGE plpgsql SET search_path = pg_catalog AS $$
#variable_conflict use_column
DECLARE
    found_debtor @schema@.debtors;
BEGIN
    IF lock_debtor.debtor_id IS NULL THEN
        RAISE EXCEPTION 'debtor_id is NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Pass the debtor''s id; find it by your own reference: SELECT id FROM debtors WHERE external_ref = ''…''.';
    END IF;
    SELECT * INTO found_debtor FROM @schema@.debtors d WHERE d.id = lock_debtor.debtor_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'debtor % does not exist', lock_debtor.debtor_id
            USING ERRCODE = 'no_data_found',
                  HINT = 'Pass the debtor''s id; find it by your own reference: SELECT id FROM debtors WHERE external_ref = ''…''.';
    END IF;
    RETURN found_debtor;
END
$$;

-- The debtor's open case, locked; what_for names what needs it in the error.
CREATE FUNCTION @schema@.open_case(debtor_id bigint, what_for text) RETURNS @schema@.cases
    LANGUAGE plpgsql SET search_path = pg_catalog AS $$
#variable_conflict use_column
DECLARE
    found_case @schema@.cases;
BEGIN
    SELECT * INTO found_case FROM @schema@.cases c
    WHERE c.debtor_id = open_case.debtor_id AND c.state = 'open' FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'debtor % has no open collection case: % needs one', open_case.debtor_id, what_for
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'A case opens the day after an invoice''s due date, when the daemon reviews the debtor; '
                         'try again once SELECT * FROM cases WHERE debtor_id = … AND state = ''open'' returns it.';
    END IF;
    RETURN found_case;
END
$$;

-- The one currency of the debtor's overdue (or only collectible) invoices, or NULL if none.
CREATE FUNCTION @schema@.case_currency(debtor_id bigint, collectible_only boolean) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog AS $$
#variable_conflict use_column
DECLARE
    currencies text[];
BEGIN
    SELECT array_agg(DISTINCT o.currency ORDER BY o.currency) INTO currencies
    FROM @schema@.overdue_invoices(case_currency.debtor_id) o
    WHERE NOT (collectible_only AND o.disputed);
    IF cardinality(currencies) > 1 THEN
        RAISE EXCEPTION 'debtor % owes overdue invoices in several currencies (%)',
                        case_currency.debtor_id, array_to_string(currencies, ', ')
            USING ERRCODE = 'feature_not_supported',
                  HINT = 'A promise or a payment plan covers invoices of one currency: settle, dispute or write off '
                         'the invoices in the other currencies first.';
    END IF;
    RETURN currencies[1];
END
$$;

-- The debtor's total payments in a currency (what promises and plans count from).
CREATE FUNCTION @schema@.total_paid(debtor_id bigint, currency text) RETURNS numeric
    LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    SELECT coalesce(sum(p.amount), 0) FROM @schema@.payments p
    WHERE p.debtor_id = total_paid.debtor_id AND p.currency = total_paid.currency
$$;

-- Refuses a NULL argument, naming it.
CREATE FUNCTION @schema@.require_argument(value anyelement, name text, expected text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
BEGIN
    IF value IS NULL THEN
        RAISE EXCEPTION '% is NULL', name
            USING ERRCODE = 'null_value_not_allowed', HINT = format('Pass %s.', expected);
    END IF;
END
$$;

-- Refuses an amount that is not a positive number of cents.
CREATE FUNCTION @schema@.require_amount(value numeric, name text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
BEGIN
    PERFORM @schema@.require_argument(value, name, 'an amount such as 120.50');
    IF value <= 0 OR value <> round(value, 2) OR value >= 1000000000000 THEN
        RAISE EXCEPTION '% % is not a positive amount with at most 2 decimals', name, value
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass an amount above zero in the invoices'' currency, to the cent, such as 120.50.';
    END IF;
END
$$;

-- Refuses a blank reason.
CREATE FUNCTION @schema@.require_reason(value text, name text, example text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
BEGIN
    IF value IS NULL OR btrim(value) = '' THEN
        RAISE EXCEPTION '% is missing', name
            USING ERRCODE = CASE WHEN value IS NULL THEN 'null_value_not_allowed' ELSE 'invalid_parameter_value' END,
                  HINT = format('Say why, for the journal and the debtor''s file, e.g. %s.', example);
    END IF;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Promises and payment plans
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION @schema@.record_promise(debtor_id bigint, amount numeric, promised_on date,
                                       note text DEFAULT NULL, author text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
#variable_conflict use_column
DECLARE
    who constant text := @schema@.actor(author);
    today constant date := @schema@.local_today();
    debtor_case @schema@.cases;
    currency text;
    overdue numeric;
    grace integer;
    replaced bigint;
    promise bigint;
BEGIN
    PERFORM @schema@.lock_debtor(record_promise.debtor_id);
    PERFORM @schema@.require_amount(record_promise.amount, 'amount');
    PERFORM @schema@.require_argument(record_promise.promised_on, 'promised_on', 'the day the debtor promised to pay by');
    debtor_case := @schema@.open_case(record_promise.debtor_id, 'a promise');
    IF record_promise.promised_on < today OR record_promise.promised_on > today + 90 THEN
        RAISE EXCEPTION 'promised_on % is not between today (%) and 90 days from now (%)',
                        record_promise.promised_on, today, today + 90
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'A promise is to pay by a day within 90 days; for longer, agree a payment plan (create_payment_plan).';
    END IF;
    currency := @schema@.case_currency(record_promise.debtor_id, false);
    SELECT coalesce(sum(o.outstanding), 0) INTO overdue FROM @schema@.overdue_invoices(record_promise.debtor_id) o;
    IF overdue = 0 THEN
        RAISE EXCEPTION 'debtor % has nothing overdue to promise', record_promise.debtor_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'The overdue invoices are paid or reduced; the daemon closes the case at its next review.';
    END IF;
    IF record_promise.amount > overdue THEN
        RAISE EXCEPTION 'amount % % is more than the debtor''s overdue outstanding % %',
                        record_promise.amount, currency, overdue, currency
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = format('Promise at most %s %s, what is overdue today.', overdue, currency);
    END IF;
    SELECT p.grace_days INTO grace FROM @schema@.policies p WHERE p.name = debtor_case.policy;
    UPDATE @schema@.promises p SET state = 'cancelled', settled_at = now()
    WHERE p.case_id = debtor_case.id AND p.state = 'open'
    RETURNING p.id INTO replaced;
    INSERT INTO @schema@.promises (case_id, debtor_id, amount, currency, promised_on, grace_days, paid_before, note, made_by)
    VALUES (debtor_case.id, record_promise.debtor_id, record_promise.amount, currency, record_promise.promised_on,
            coalesce(grace, 3), @schema@.total_paid(record_promise.debtor_id, currency), record_promise.note, who)
    RETURNING id INTO promise;
    INSERT INTO @schema@.events (kind, debtor_id, actor, detail)
    VALUES ('promise_made', record_promise.debtor_id, who,
            jsonb_build_object('promise_id', promise, 'case_id', debtor_case.id, 'amount', record_promise.amount::numeric(14, 2),
                               'currency', currency, 'promised_on', record_promise.promised_on, 'note', record_promise.note,
                               'replaces', replaced));
    PERFORM @schema@.request_review(record_promise.debtor_id);
    RETURN promise;
END
$$;

COMMENT ON FUNCTION @schema@.record_promise(bigint, numeric, date, text, text) IS
    'Records a debtor''s promise to pay an amount by a day (within 90 days); replaces an open promise. Returns its id.';

CREATE FUNCTION @schema@.create_payment_plan(debtor_id bigint, instalments jsonb,
                                            note text DEFAULT NULL, author text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
#variable_conflict use_column
DECLARE
    who constant text := @schema@.actor(author);
    today constant date := @schema@.local_today();
    shape constant text := 'Pass a JSON array such as [{"due_on": "2025-07-15", "amount": "400.00"}, …], '
                           'one object per instalment in date order.';
    debtor_case @schema@.cases;
    currency text;
    collectible numeric;
    grace integer;
    instalment_count integer;
    item jsonb;
    extra text;
    day_text text;
    amount_text text;
    days date[] := '{}';
    amounts numeric[] := '{}';
    day date;
    total numeric := 0;
    replaced_plan bigint;
    replaced_promise bigint;
    plan bigint;
BEGIN
    PERFORM @schema@.lock_debtor(create_payment_plan.debtor_id);
    debtor_case := @schema@.open_case(create_payment_plan.debtor_id, 'a payment plan');
    IF create_payment_plan.instalments IS NULL OR jsonb_typeof(create_payment_plan.instalments) <> 'array' THEN
        RAISE EXCEPTION 'instalments is not a JSON array'
            USING ERRCODE = 'invalid_parameter_value', HINT = shape;
    END IF;
    instalment_count := jsonb_array_length(create_payment_plan.instalments);
    IF instalment_count < 1 OR instalment_count > 60 THEN
        RAISE EXCEPTION 'a payment plan has 1 to 60 instalments, not %', instalment_count
            USING ERRCODE = 'invalid_parameter_value', HINT = shape;
    END IF;
    FOR i IN 0 .. instalment_count - 1 LOOP
        item := create_payment_plan.instalments -> i;
        IF jsonb_typeof(item) <> 'object' THEN
            RAISE EXCEPTION 'instalments[%] is not an object', i USING ERRCODE = 'invalid_parameter_value', HINT = shape;
        END IF;
        SELECT string_agg(k, ', ' ORDER BY k) INTO extra FROM jsonb_object_keys(item) k WHERE k NOT IN ('due_on', 'amount');
        IF extra IS NOT NULL THEN
            RAISE EXCEPTION 'instalments[%] has unknown keys: %', i, extra
                USING ERRCODE = 'invalid_parameter_value', HINT = 'An instalment has exactly "due_on" and "amount".';
        END IF;
        day_text := item ->> 'due_on';
        IF jsonb_typeof(item -> 'due_on') IS DISTINCT FROM 'string' OR day_text !~ '^\d{4}-\d{2}-\d{2}$' THEN
            RAISE EXCEPTION 'instalments[%].due_on is missing or not a date written YYYY-MM-DD', i
                USING ERRCODE = 'invalid_parameter_value', HINT = 'Write the day as a string such as "2025-07-15".';
        END IF;
        BEGIN
            day := day_text::date;
        EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
            RAISE EXCEPTION 'instalments[%].due_on "%" is not a day of the calendar', i, day_text
                USING ERRCODE = 'invalid_parameter_value', HINT = 'Write an existing day such as "2025-07-15".';
        END;
        amount_text := item ->> 'amount';
        IF coalesce(jsonb_typeof(item -> 'amount'), 'missing') NOT IN ('string', 'number')
           OR coalesce(amount_text, '') !~ '^\d{1,12}(\.\d{1,2})?$' THEN
            amount_text := NULL;
        ELSIF amount_text::numeric = 0 THEN
            amount_text := NULL;
        END IF;
        IF amount_text IS NULL THEN
            RAISE EXCEPTION 'instalments[%].amount is missing or not a positive amount with at most 2 decimals', i
                USING ERRCODE = 'invalid_parameter_value', HINT = 'Write the amount as a string such as "400.00".';
        END IF;
        IF i = 0 AND day < today THEN
            RAISE EXCEPTION 'the first instalment is due on %, before today (%)', day, today
                USING ERRCODE = 'invalid_parameter_value', HINT = 'Instalments fall due today or later.';
        END IF;
        IF i > 0 AND day <= days[i] THEN
            RAISE EXCEPTION 'instalments[%].due_on % is not after the previous instalment''s %', i, day, days[i]
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'List the instalments in date order, at most one per day.';
        END IF;
        days := days || day;
        amounts := amounts || amount_text::numeric;
        total := total + amount_text::numeric;
    END LOOP;
    currency := @schema@.case_currency(create_payment_plan.debtor_id, true);
    SELECT coalesce(sum(o.outstanding), 0) INTO collectible
    FROM @schema@.overdue_invoices(create_payment_plan.debtor_id) o WHERE NOT o.disputed;
    IF collectible = 0 THEN
        RAISE EXCEPTION 'debtor % has nothing collectible overdue to spread over a plan', create_payment_plan.debtor_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'What is overdue is paid, reduced or disputed; resolve the dispute first if the debtor agreed to pay.';
    END IF;
    IF total <> collectible THEN
        RAISE EXCEPTION 'the instalments add up to % % but the collectible overdue outstanding is % %',
                        total, currency, collectible, currency
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = format('Make the amounts add up to exactly %s %s (overdue, not disputed, after payments and reductions).',
                                collectible, currency);
    END IF;
    SELECT p.grace_days INTO grace FROM @schema@.policies p WHERE p.name = debtor_case.policy;
    UPDATE @schema@.promises p SET state = 'cancelled', settled_at = now()
    WHERE p.case_id = debtor_case.id AND p.state = 'open'
    RETURNING p.id INTO replaced_promise;
    UPDATE @schema@.payment_plans p SET state = 'cancelled', ended_at = now()
    WHERE p.case_id = debtor_case.id AND p.state = 'active'
    RETURNING p.id INTO replaced_plan;
    INSERT INTO @schema@.payment_plans (case_id, debtor_id, currency, total, grace_days, paid_before, note, created_by)
    VALUES (debtor_case.id, create_payment_plan.debtor_id, currency, total, coalesce(grace, 3),
            @schema@.total_paid(create_payment_plan.debtor_id, currency), create_payment_plan.note, who)
    RETURNING id INTO plan;
    INSERT INTO @schema@.plan_instalments (plan_id, number, due_on, amount)
    SELECT plan, n, days[n], amounts[n] FROM generate_series(1, instalment_count) n;
    INSERT INTO @schema@.events (kind, debtor_id, actor, detail)
    VALUES ('plan_created', create_payment_plan.debtor_id, who,
            jsonb_build_object('plan_id', plan, 'case_id', debtor_case.id, 'total', total::numeric(14, 2), 'currency', currency,
                               'instalments', instalment_count, 'first_due_on', days[1], 'last_due_on', days[instalment_count],
                               'note', create_payment_plan.note, 'replaces_plan', replaced_plan,
                               'replaces_promise', replaced_promise));
    PERFORM @schema@.request_review(create_payment_plan.debtor_id);
    RETURN plan;
END
$$;

COMMENT ON FUNCTION @schema@.create_payment_plan(bigint, jsonb, text, text) IS
    'Agrees a payment plan for the collectible overdue outstanding; replaces an open promise and an active plan. Returns its id.';

-- ---------------------------------------------------------------------------------------------
-- Reductions and disputes
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION @schema@.grant_reduction(invoice_id bigint, amount numeric, reason text,
                                        kind text DEFAULT 'reduction', author text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
#variable_conflict use_column
DECLARE
    who constant text := @schema@.actor(author);
    invoice record;
    owed numeric;
    reduction bigint;
BEGIN
    PERFORM @schema@.require_argument(grant_reduction.invoice_id, 'invoice_id', 'the invoice''s id (invoices.id)');
    SELECT i.id, i.debtor_id, i.number, i.currency INTO invoice FROM @schema@.invoices i WHERE i.id = grant_reduction.invoice_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'invoice % does not exist', grant_reduction.invoice_id
            USING ERRCODE = 'no_data_found',
                  HINT = 'Pass the invoice''s id; find it by number: SELECT id FROM invoices WHERE number = ''…''.';
    END IF;
    PERFORM @schema@.lock_debtor(invoice.debtor_id);
    PERFORM @schema@.require_amount(grant_reduction.amount, 'amount');
    PERFORM @schema@.require_reason(grant_reduction.reason, 'reason', '''commercial gesture: late delivery''');
    IF grant_reduction.kind IS NULL OR grant_reduction.kind NOT IN ('reduction', 'credit_note', 'write_off') THEN
        RAISE EXCEPTION 'kind "%" is not reduction, credit_note or write_off', grant_reduction.kind
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'reduction: a remise granted; credit_note: a credit note issued; write_off: giving up what is left.';
    END IF;
    IF grant_reduction.kind = 'write_off' THEN
        SELECT b.outstanding INTO owed FROM @schema@.invoice_balances b
        WHERE b.debtor_id = invoice.debtor_id AND b.invoice_id = invoice.id;
        IF grant_reduction.amount <> owed THEN
            RAISE EXCEPTION 'a write-off takes off the whole outstanding % % of invoice %, not %',
                            owed, invoice.currency, invoice.number, grant_reduction.amount
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = format('Call write_off(%s, reason), or grant a reduction of part of it.', invoice.id);
        END IF;
    END IF;
    -- The insert trigger locks the invoice, refuses more than the outstanding, journals
    -- reduction_granted and queues the debtor's review.
    INSERT INTO @schema@.reductions (debtor_id, invoice_id, currency, kind, amount, reason, granted_by, granted_on)
    VALUES (invoice.debtor_id, invoice.id, invoice.currency, grant_reduction.kind, grant_reduction.amount,
            btrim(grant_reduction.reason), who, @schema@.local_today())
    RETURNING id INTO reduction;
    RETURN reduction;
END
$$;

COMMENT ON FUNCTION @schema@.grant_reduction(bigint, numeric, text, text, text) IS
    'Takes an amount off an invoice (reduction, credit_note or write_off), at most its outstanding. Returns the reduction id.';

CREATE FUNCTION @schema@.write_off(invoice_id bigint, reason text, author text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
#variable_conflict use_column
DECLARE
    invoice record;
    owed numeric;
BEGIN
    PERFORM @schema@.require_argument(write_off.invoice_id, 'invoice_id', 'the invoice''s id (invoices.id)');
    SELECT i.id, i.debtor_id, i.number, i.currency INTO invoice FROM @schema@.invoices i WHERE i.id = write_off.invoice_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'invoice % does not exist', write_off.invoice_id
            USING ERRCODE = 'no_data_found',
                  HINT = 'Pass the invoice''s id; find it by number: SELECT id FROM invoices WHERE number = ''…''.';
    END IF;
    PERFORM @schema@.lock_debtor(invoice.debtor_id);
    PERFORM @schema@.require_reason(write_off.reason, 'reason', '''debtor in liquidation''');
    SELECT b.outstanding INTO owed FROM @schema@.invoice_balances b
    WHERE b.debtor_id = invoice.debtor_id AND b.invoice_id = invoice.id;
    IF owed = 0 THEN
        RAISE EXCEPTION 'invoice % has nothing outstanding to write off', invoice.number
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'It is already paid or reduced in full.';
    END IF;
    RETURN @schema@.grant_reduction(invoice.id, owed, write_off.reason, 'write_off', write_off.author);
END
$$;

COMMENT ON FUNCTION @schema@.write_off(bigint, text, text) IS
    'Writes off the whole outstanding of an invoice (a reduction of kind write_off). Returns the reduction id.';

CREATE FUNCTION @schema@.open_dispute(debtor_id bigint, invoice_id bigint, reason text, author text DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
#variable_conflict use_column
DECLARE
    who constant text := @schema@.actor(author);
    invoice record;
    target_name text := format('debtor %s', open_dispute.debtor_id);
    existing record;
    dispute bigint;
BEGIN
    PERFORM @schema@.lock_debtor(open_dispute.debtor_id);
    PERFORM @schema@.require_reason(open_dispute.reason, 'reason', '''goods returned, invoice contested''');
    IF open_dispute.invoice_id IS NOT NULL THEN
        SELECT b.invoice_id, b.number, b.debtor_id, b.outstanding INTO invoice
        FROM @schema@.invoice_balances b WHERE b.debtor_id = open_dispute.debtor_id AND b.invoice_id = open_dispute.invoice_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'invoice % is not an invoice of debtor %', open_dispute.invoice_id, open_dispute.debtor_id
                USING ERRCODE = 'no_data_found',
                      HINT = 'Pass one of the debtor''s invoices (SELECT id, number FROM invoices WHERE debtor_id = …), '
                             'or NULL to dispute everything the debtor owes.';
        END IF;
        target_name := format('invoice %s', invoice.number);
        IF invoice.outstanding = 0 THEN
            RAISE EXCEPTION 'invoice % has nothing outstanding to dispute', invoice.number
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'It is paid or reduced in full: nothing is being collected on it.';
        END IF;
    END IF;
    SELECT d.id, d.opened_at INTO existing FROM @schema@.disputes d
    WHERE d.debtor_id = open_dispute.debtor_id AND d.state = 'open'
      AND d.invoice_id IS NOT DISTINCT FROM open_dispute.invoice_id;
    IF FOUND THEN
        RAISE EXCEPTION '% already has an open dispute (%)', target_name, existing.id
            USING ERRCODE = 'unique_violation',
                  HINT = format('Resolve dispute %s first (resolve_dispute), or add to its file.', existing.id);
    END IF;
    INSERT INTO @schema@.disputes (debtor_id, invoice_id, reason, opened_by)
    VALUES (open_dispute.debtor_id, open_dispute.invoice_id, btrim(open_dispute.reason), who)
    RETURNING id INTO dispute;
    INSERT INTO @schema@.events (kind, debtor_id, invoice_id, actor, detail)
    VALUES ('dispute_opened', open_dispute.debtor_id, open_dispute.invoice_id, who,
            jsonb_build_object('dispute_id', dispute, 'reason', btrim(open_dispute.reason),
                               'scope', CASE WHEN open_dispute.invoice_id IS NULL THEN 'debtor' ELSE 'invoice' END));
    PERFORM @schema@.request_review(open_dispute.debtor_id);
    RETURN dispute;
END
$$;

COMMENT ON FUNCTION @schema@.open_dispute(bigint, bigint, text, text) IS
    'Opens a dispute on one invoice of the debtor, or on the whole debtor (invoice_id NULL). Returns its id.';

CREATE FUNCTION @schema@.resolve_dispute(dispute_id bigint, resolution text, note text DEFAULT NULL,
                                        author text DEFAULT NULL) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
#variable_conflict use_column
DECLARE
    who constant text := @schema@.actor(author);
    dispute_debtor bigint;
    dispute @schema@.disputes;
    target record;
    written_off jsonb := '[]';
BEGIN
    PERFORM @schema@.require_argument(resolve_dispute.dispute_id, 'dispute_id', 'the dispute''s id (disputes.id)');
    SELECT d.debtor_id INTO dispute_debtor FROM @schema@.disputes d WHERE d.id = resolve_dispute.dispute_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'dispute % does not exist', resolve_dispute.dispute_id
            USING ERRCODE = 'no_data_found', HINT = 'List open disputes: SELECT * FROM disputes WHERE state = ''open''.';
    END IF;
    PERFORM @schema@.lock_debtor(dispute_debtor);
    SELECT * INTO dispute FROM @schema@.disputes d WHERE d.id = resolve_dispute.dispute_id FOR UPDATE;
    IF dispute.state <> 'open' THEN
        RAISE EXCEPTION 'dispute % is already resolved (%, by %)', dispute.id, dispute.resolution, dispute.resolved_by
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'A dispute is resolved once; open a new one if the debtor contests again.';
    END IF;
    IF resolve_dispute.resolution IS NULL OR resolve_dispute.resolution NOT IN ('resume', 'cancel') THEN
        RAISE EXCEPTION 'resolution "%" is not resume or cancel', resolve_dispute.resolution
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'resume: the debtor owes it, collection goes on; cancel: the debtor was right, what is disputed is written off.';
    END IF;
    IF resolve_dispute.resolution = 'cancel' THEN
        -- What the dispute covered: its invoice, or every invoice the debtor had when it was opened.
        FOR target IN
            SELECT b.invoice_id, b.outstanding, b.currency FROM @schema@.invoice_balances b
            JOIN @schema@.invoices i ON i.id = b.invoice_id
            WHERE b.debtor_id = dispute.debtor_id AND b.outstanding > 0
              AND (b.invoice_id = dispute.invoice_id OR (dispute.invoice_id IS NULL AND i.created_at <= dispute.opened_at))
            ORDER BY b.due_on, b.invoice_id
        LOOP
            INSERT INTO @schema@.reductions (debtor_id, invoice_id, currency, kind, amount, reason, granted_by, granted_on)
            VALUES (dispute.debtor_id, target.invoice_id, target.currency, 'write_off', target.outstanding,
                    'dispute upheld: ' || dispute.reason, who, @schema@.local_today());
            written_off := written_off || jsonb_build_object('invoice_id', target.invoice_id, 'amount', target.outstanding,
                                                             'currency', target.currency);
        END LOOP;
    END IF;
    UPDATE @schema@.disputes d
    SET state = 'resolved', resolution = resolve_dispute.resolution, resolution_note = resolve_dispute.note,
        resolved_by = who, resolved_at = now()
    WHERE d.id = dispute.id;
    INSERT INTO @schema@.events (kind, debtor_id, invoice_id, actor, detail)
    VALUES ('dispute_resolved', dispute.debtor_id, dispute.invoice_id, who,
            jsonb_build_object('dispute_id', dispute.id, 'resolution', resolve_dispute.resolution,
                               'note', resolve_dispute.note, 'written_off', written_off));
    PERFORM @schema@.request_review(dispute.debtor_id);
END
$$;

COMMENT ON FUNCTION @schema@.resolve_dispute(bigint, text, text, text) IS
    'Resolves an open dispute: resume (collection goes on) or cancel (the disputed outstanding is written off).';

-- ---------------------------------------------------------------------------------------------
-- Tasks
-- ---------------------------------------------------------------------------------------------

-- Locks the task's debtor, then the task, which must be open and of the expected kind.
CREATE FUNCTION @schema@.open_task(task_id bigint, expected text[], use_instead text) RETURNS @schema@.tasks
    LANGUAGE plpgsql SET search_path = pg_catalog AS $$
#variable_conflict use_column
DECLARE
    task_debtor bigint;
    task @schema@.tasks;
BEGIN
    PERFORM @schema@.require_argument(open_task.task_id, 'task_id', 'the task''s id (tasks.id)');
    SELECT t.debtor_id INTO task_debtor FROM @schema@.tasks t WHERE t.id = open_task.task_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'task % does not exist', open_task.task_id
            USING ERRCODE = 'no_data_found', HINT = 'List open tasks: SELECT id, kind, title FROM tasks WHERE state = ''open''.';
    END IF;
    PERFORM @schema@.lock_debtor(task_debtor);
    SELECT * INTO task FROM @schema@.tasks t WHERE t.id = open_task.task_id FOR UPDATE;
    IF NOT task.kind = ANY (expected) THEN
        RAISE EXCEPTION 'task % is of kind %, not %', task.id, task.kind, array_to_string(expected, ' or ')
            USING ERRCODE = 'wrong_object_type', HINT = use_instead;
    END IF;
    IF task.state <> 'open' THEN
        RAISE EXCEPTION 'task % is already % (since %, by %)', task.id, task.state, task.completed_at, task.completed_by
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'A task is closed once; nothing more to record on it.';
    END IF;
    RETURN task;
END
$$;

CREATE FUNCTION @schema@.record_call_outcome(task_id bigint, reached boolean, reason text,
                                            next_step text DEFAULT 'continue', note text DEFAULT NULL,
                                            author text DEFAULT NULL) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
#variable_conflict use_column
DECLARE
    who constant text := @schema@.actor(author);
    task @schema@.tasks;
    detail jsonb;
    expedited boolean := false;
BEGIN
    task := @schema@.open_task(record_call_outcome.task_id, ARRAY['call'],
                               'decide_approval closes approval tasks; complete_task closes the others.');
    PERFORM @schema@.require_argument(record_call_outcome.reached, 'reached', 'true if you spoke with the debtor, else false');
    IF record_call_outcome.reason IS NULL OR record_call_outcome.reason NOT IN
           ('oversight', 'cash_flow', 'disagreement', 'not_received', 'refusal', 'unreachable', 'other') THEN
        RAISE EXCEPTION 'reason "%" is not a known reason for non-payment', record_call_outcome.reason
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'One of oversight, cash_flow, disagreement, not_received, refusal, unreachable, other.';
    END IF;
    IF record_call_outcome.next_step IS NULL OR record_call_outcome.next_step NOT IN ('continue', 'escalate') THEN
        RAISE EXCEPTION 'next_step "%" is not continue or escalate', record_call_outcome.next_step
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'continue: the policy goes on at its pace; escalate: its next step is due at once.';
    END IF;
    detail := jsonb_build_object('reached', record_call_outcome.reached, 'reason', record_call_outcome.reason,
                                  'next_step', record_call_outcome.next_step, 'note', record_call_outcome.note);
    UPDATE @schema@.tasks t SET state = 'done', completed_at = now(), completed_by = who, outcome = detail
    WHERE t.id = task.id;
    IF record_call_outcome.next_step = 'escalate' AND task.case_id IS NOT NULL THEN
        UPDATE @schema@.cases c SET expedite = true WHERE c.id = task.case_id AND c.state = 'open';
        expedited := FOUND;
    END IF;
    INSERT INTO @schema@.events (kind, debtor_id, action_id, actor, detail)
    VALUES ('call_outcome', task.debtor_id, task.action_id, who,
            detail || jsonb_build_object('task_id', task.id, 'case_id', task.case_id, 'expedited', expedited));
    PERFORM @schema@.request_review(task.debtor_id);
END
$$;

COMMENT ON FUNCTION @schema@.record_call_outcome(bigint, boolean, text, text, text, text) IS
    'Closes a call task with what came of the call; escalate makes the case''s next step due at once.';

CREATE FUNCTION @schema@.decide_approval(task_id bigint, approved boolean, note text DEFAULT NULL,
                                        author text DEFAULT NULL) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
#variable_conflict use_column
DECLARE
    who constant text := @schema@.actor(author);
    task @schema@.tasks;
    held @schema@.actions;
BEGIN
    task := @schema@.open_task(decide_approval.task_id, ARRAY['approval'],
                               'record_call_outcome closes call tasks; complete_task closes the others.');
    PERFORM @schema@.require_argument(decide_approval.approved, 'approved', 'true to run the step, false to skip it');
    SELECT * INTO held FROM @schema@.actions a WHERE a.id = task.action_id FOR UPDATE;
    IF held.state IS DISTINCT FROM 'held' THEN
        RAISE EXCEPTION 'the step task % asks about is no longer waiting for approval (its action % is %)',
                        task.id, task.action_id, coalesce(held.state, 'gone')
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Nothing is left to approve: the step was cancelled (debtor paid, case closed, or by ops).';
    END IF;
    IF decide_approval.approved THEN
        UPDATE @schema@.actions a
        SET state = 'scheduled', due_at = now(), approved_at = now(), approved_by = who, updated_at = now()
        WHERE a.id = held.id;
    ELSE
        UPDATE @schema@.actions a
        SET state = 'cancelled', last_error = format('approval refused by %s', who), finished_at = now(), updated_at = now()
        WHERE a.id = held.id;
        -- The refused step counts as done now: the next one keeps the policy's interval from
        -- the refusal, not from the step before it.
        UPDATE @schema@.cases c SET position = held.step, last_step_at = now()
        WHERE c.id = held.case_id AND c.position < held.step;
    END IF;
    UPDATE @schema@.tasks t
    SET state = 'done', completed_at = now(), completed_by = who,
        outcome = jsonb_build_object('approved', decide_approval.approved, 'note', decide_approval.note)
    WHERE t.id = task.id;
    INSERT INTO @schema@.events (kind, debtor_id, invoice_id, action_id, actor, detail)
    VALUES (CASE WHEN decide_approval.approved THEN 'step_approved' ELSE 'step_skipped' END,
            task.debtor_id, held.invoice_id, held.id, who,
            jsonb_build_object('task_id', task.id, 'case_id', held.case_id, 'position', held.step, 'stage', held.stage,
                               'template', held.template, 'note', decide_approval.note));
    PERFORM @schema@.request_review(task.debtor_id);
END
$$;

COMMENT ON FUNCTION @schema@.decide_approval(bigint, boolean, text, text) IS
    'Approves a held step (it runs now) or refuses it (it is skipped and the case moves past it).';

CREATE FUNCTION @schema@.complete_task(task_id bigint, note text DEFAULT NULL, author text DEFAULT NULL) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
#variable_conflict use_column
DECLARE
    who constant text := @schema@.actor(author);
    task @schema@.tasks;
BEGIN
    task := @schema@.open_task(complete_task.task_id, ARRAY['agency_handoff', 'small_claims', 'court_file'],
                               'record_call_outcome closes call tasks; decide_approval closes approval tasks.');
    UPDATE @schema@.tasks t
    SET state = 'done', completed_at = now(), completed_by = who, outcome = jsonb_build_object('note', complete_task.note)
    WHERE t.id = task.id;
    INSERT INTO @schema@.events (kind, debtor_id, action_id, actor, detail)
    VALUES ('task_completed', task.debtor_id, task.action_id, who,
            jsonb_build_object('task_id', task.id, 'case_id', task.case_id, 'task_kind', task.kind, 'note', complete_task.note));
    PERFORM @schema@.request_review(task.debtor_id);
END
$$;

COMMENT ON FUNCTION @schema@.complete_task(bigint, text, text) IS
    'Closes an agency hand-off, small-claims or court-file task as done.';

-- The procedure's functions change a debtor's collection with the schema owner's rights: only
-- roles given EXECUTE may call them (the daemon's, and the tenant's integration role), not
-- every role that can read the schema.
REVOKE EXECUTE ON FUNCTION @schema@.request_review(bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @schema@.record_promise(bigint, numeric, date, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @schema@.create_payment_plan(bigint, jsonb, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @schema@.grant_reduction(bigint, numeric, text, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @schema@.write_off(bigint, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @schema@.open_dispute(bigint, bigint, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @schema@.resolve_dispute(bigint, text, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @schema@.record_call_outcome(bigint, boolean, text, text, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @schema@.decide_approval(bigint, boolean, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @schema@.complete_task(bigint, text, text) FROM PUBLIC;
