-- Dropped tenants. `recouvrectl tenant drop` removes the tenant's schema and its row in
-- recouvre.tenants (with its due_work and tenant_channels rows, by cascade); what the row said
-- is kept here, with who dropped it and when, so that the slug's history stays readable and
-- `tenant create` can say that a slug once belonged to another creditor instead of silently
-- handing it to a new one. recouvre.operator_events keeps its rows: it names tenants by slug,
-- without a foreign key, precisely so that a dropped tenant's journal outlives it.

CREATE TABLE recouvre.dropped_tenants (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug          text NOT NULL
                  CONSTRAINT dropped_tenant_slug_format CHECK (slug ~ '^[a-z][a-z0-9_]{1,39}$'),
    display_name  text NOT NULL,
    dropped_at    timestamptz NOT NULL DEFAULT now(),
    -- The operator who asked, as the control socket's peer credentials name them.
    dropped_by    text NOT NULL,
    -- The tenant's row and its channel settings as they were, secrets left out.
    settings      jsonb NOT NULL DEFAULT '{}',
    -- Set when `tenant create --reuse-dropped-slug` gave the slug to a creditor again.
    reused_at     timestamptz
);

CREATE INDEX dropped_tenants_slug ON recouvre.dropped_tenants (slug, dropped_at);

COMMENT ON TABLE recouvre.dropped_tenants IS
    'Tenants dropped with their schema: who, when, and their settings (no secrets); a slug here is not reused silently.';
