-- The operator schema `recouvre`: tenant registry, the global due-work index the scheduler
-- polls, and the validation functions every tenant schema's constraints share.
--
-- The migrator creates the schema and `recouvre.schema_migrations` before running this file.

-- Validation functions. Tenant constraints call them so that one rule holds everywhere.

CREATE FUNCTION recouvre.is_email(candidate text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN candidate ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' AND length(candidate) <= 254;

COMMENT ON FUNCTION recouvre.is_email(text) IS
    'True for an address of the form local@domain.tld without spaces, at most 254 characters.';

-- The time zones debtors and tenants may use: the server's IANA Region/City names (and UTC),
-- copied when the schema is built so that a check is an exact, case-sensitive index lookup.
-- Abbreviations (CET), POSIX specs (UTC+3) and the posix/ and right/ copies are left out: the
-- daemon computes sending hours with the same names, and a zone it could not read would
-- silently fall back to another one. Ops add names with a plain INSERT after a tzdata update.
CREATE TABLE recouvre.time_zones (
    name  text PRIMARY KEY
);

INSERT INTO recouvre.time_zones (name)
SELECT name FROM pg_catalog.pg_timezone_names
WHERE (name ~ '^[A-Z][A-Za-z_-]+(/[A-Za-z0-9_-]+){1,2}$' AND name !~ '^(posix|right)/')
   OR name = 'UTC';

-- SECURITY DEFINER: a tenant's roles may call it (through their constraints) without any
-- right on the operator schema's tables.
CREATE FUNCTION recouvre.is_time_zone(candidate text) RETURNS boolean
    LANGUAGE sql STABLE STRICT PARALLEL SAFE SECURITY DEFINER SET search_path = pg_catalog
    RETURN EXISTS (SELECT 1 FROM recouvre.time_zones WHERE name = candidate);

COMMENT ON FUNCTION recouvre.is_time_zone(text) IS
    'True for an IANA Region/City time zone name such as Europe/Paris (exact case), or UTC.';

-- ISO 4217 active currency codes.
CREATE FUNCTION recouvre.is_currency(candidate text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN candidate = ANY ('{AED,AFN,ALL,AMD,ANG,AOA,ARS,AUD,AWG,AZN,BAM,BBD,BDT,BGN,BHD,BIF,BMD,BND,BOB,BRL,BSD,BTN,BWP,BYN,BZD,CAD,CDF,CHF,CLP,CNY,COP,CRC,CUP,CVE,CZK,DJF,DKK,DOP,DZD,EGP,ERN,ETB,EUR,FJD,FKP,GBP,GEL,GHS,GIP,GMD,GNF,GTQ,GYD,HKD,HNL,HTG,HUF,IDR,ILS,INR,IQD,IRR,ISK,JMD,JOD,JPY,KES,KGS,KHR,KMF,KPW,KRW,KWD,KYD,KZT,LAK,LBP,LKR,LRD,LSL,LYD,MAD,MDL,MGA,MKD,MMK,MNT,MOP,MRU,MUR,MVR,MWK,MXN,MYR,MZN,NAD,NGN,NIO,NOK,NPR,NZD,OMR,PAB,PEN,PGK,PHP,PKR,PLN,PYG,QAR,RON,RSD,RUB,RWF,SAR,SBD,SCR,SDG,SEK,SGD,SHP,SLE,SOS,SRD,SSP,STN,SVC,SYP,SZL,THB,TJS,TMT,TND,TOP,TRY,TTD,TWD,TZS,UAH,UGX,USD,UYU,UZS,VES,VND,VUV,WST,XAF,XCD,XCG,XOF,XPF,YER,ZAR,ZMW,ZWG}'::text[]);

COMMENT ON FUNCTION recouvre.is_currency(text) IS 'True for an active ISO 4217 currency code.';

-- The tenant registry: one row per creditor, whose data lives in schema tenant_<slug>.
CREATE TABLE recouvre.tenants (
    slug            text PRIMARY KEY
                    CONSTRAINT tenant_slug_format CHECK (slug ~ '^[a-z][a-z0-9_]{1,39}$'),
    display_name    text NOT NULL
                    CONSTRAINT tenant_display_name_not_blank CHECK (btrim(display_name) <> ''),
    status          text NOT NULL DEFAULT 'provisioning'
                    CONSTRAINT tenant_status_known CHECK (status IN ('provisioning', 'active', 'paused')),
    timezone        text NOT NULL DEFAULT 'Europe/Paris'
                    CONSTRAINT tenant_timezone_known CHECK (recouvre.is_time_zone(timezone)),
    locale          text NOT NULL DEFAULT 'fr'
                    CONSTRAINT tenant_locale_known CHECK (locale IN ('fr', 'en')),
    email_from      text
                    CONSTRAINT tenant_email_from_format CHECK (recouvre.is_email(email_from)),
    smtp_url        text
                    CONSTRAINT tenant_smtp_url_format CHECK (smtp_url ~ '^smtps?://'),
    schema_version  integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE recouvre.tenants IS 'One row per creditor; its data lives in schema tenant_<slug>.';
COMMENT ON COLUMN recouvre.tenants.schema_version IS
    'Highest tenant migration applied to the schema, so that a no-op migrate reads one table.';

-- The global due-work index: for each tenant, the earliest moment something may need doing
-- (a scheduled action's due time, or a running action's lease expiry). The scheduler polls
-- it instead of every tenant schema, and is the only writer: it sets a tenant's row after
-- draining the tenant.
CREATE TABLE recouvre.due_work (
    tenant       text PRIMARY KEY REFERENCES recouvre.tenants (slug) ON DELETE CASCADE,
    next_due_at  timestamptz,
    -- When a worker last served the tenant: the least recently served go first, so that no
    -- tenant waits behind others' backlogs.
    served_at    timestamptz
);

CREATE INDEX due_work_next_due_at ON recouvre.due_work (next_due_at) WHERE next_due_at IS NOT NULL;

-- Hints that a tenant scheduled work, written by the tenant schemas' triggers. Insert-only:
-- no transaction ever waits on another to add a hint, whatever else it holds. The scheduler
-- reads them with due_work and folds them in when it refreshes the tenant's row.
CREATE TABLE recouvre.due_hints (
    tenant  text NOT NULL,
    due_at  timestamptz NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 200);

CREATE INDEX due_hints_due_at ON recouvre.due_hints (due_at);
CREATE INDEX due_hints_tenant ON recouvre.due_hints (tenant);

-- What operators did to tenants: created, paused, resumed, changed settings.
CREATE TABLE recouvre.operator_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    tenant       text NOT NULL,
    kind         text NOT NULL,
    actor        text NOT NULL DEFAULT current_user,
    detail       jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX operator_events_tenant ON recouvre.operator_events (tenant, occurred_at);
