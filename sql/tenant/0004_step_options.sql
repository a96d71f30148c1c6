-- Step options: an e-mail step may attach the statement of account; a task step says what
-- happens when its task is left undone past its deadline.

-- A new tenant's 0003 inserted the default steps in this same transaction: their deferred
-- checks run now, since a table with pending trigger events cannot be altered.
SET CONSTRAINTS ALL IMMEDIATE;

ALTER TABLE @schema@.policy_steps
    ADD COLUMN attach_statement boolean NOT NULL DEFAULT false,
    ADD COLUMN when_overdue text NOT NULL DEFAULT 'wait'
        CONSTRAINT policy_step_when_overdue_known CHECK (when_overdue IN ('wait', 'escalate')),
    -- A letter already carries the invoice table; SMS and webhooks carry no attachment.
    ADD CONSTRAINT policy_step_statement_attached_to_email_only CHECK (NOT attach_statement OR channel = 'email'),
    ADD CONSTRAINT policy_step_when_overdue_for_task_only CHECK (when_overdue = 'wait' OR channel = 'task');

COMMENT ON COLUMN @schema@.policy_steps.attach_statement IS
    'E-mail steps: attach the debtor''s statement of account as a PDF (every invoice with something owed).';
COMMENT ON COLUMN @schema@.policy_steps.when_overdue IS
    'Task steps: once the task is open past its deadline, wait (journal task_overdue, the procedure keeps its pace) '
    'or escalate (also make the case''s next step due at once).';

-- The second reminder of the default policies sends the statement along. Without firing the
-- review triggers: nothing about the cases' timing changes.
ALTER TABLE @schema@.policy_steps DISABLE TRIGGER policy_steps_review_updated;
UPDATE @schema@.policy_steps SET attach_statement = true
WHERE policy IN ('business', 'consumer') AND position = 3 AND channel = 'email' AND template = 'reminder2';
ALTER TABLE @schema@.policy_steps ENABLE TRIGGER policy_steps_review_updated;

ALTER TABLE @schema@.tasks ADD COLUMN overdue_at timestamptz;

COMMENT ON COLUMN @schema@.tasks.overdue_at IS
    'When the daemon found the task open past its deadline and applied its step''s when_overdue rule.';

CREATE INDEX tasks_overdue ON @schema@.tasks (overdue_at) WHERE state = 'open' AND overdue_at IS NOT NULL;
