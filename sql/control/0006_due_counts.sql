-- How many actions each tenant had due when it was last served, for the queue-depth metric
-- (recouvre_queue_actions_due): read from here, the metric never scans the tenant schemas.

ALTER TABLE recouvre.due_work ADD COLUMN due_count integer NOT NULL DEFAULT 0
    CONSTRAINT due_work_due_count_not_negative CHECK (due_count >= 0);

COMMENT ON COLUMN recouvre.due_work.due_count IS
    'Scheduled actions due (due_at <= now) when the tenant was last served, counted up to 10,000.';
