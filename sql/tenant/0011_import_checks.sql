-- What a CSV import checks before it writes (RecouvreStore/Import/ImportChecks) uses the same
-- tests as the tables' constraints: recouvre.is_email, is_currency and is_time_zone. A
-- constraint holds those functions themselves, but a query that names them needs USAGE on the
-- schema `recouvre`, which the tenant's roles do not have (docs/sql-api.md, Roles and access).
-- These wrappers have SQL-standard bodies, resolved when they are created, so that an import
-- run under the tenant's writer role reaches the tests without any right on `recouvre`.

CREATE FUNCTION @schema@.is_email(candidate text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN recouvre.is_email(candidate);

CREATE FUNCTION @schema@.is_currency(candidate text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN recouvre.is_currency(candidate);

CREATE FUNCTION @schema@.is_time_zone(candidate text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN recouvre.is_time_zone(candidate);

COMMENT ON FUNCTION @schema@.is_email(text) IS 'Whether the text is an e-mail address debtors.email accepts.';
COMMENT ON FUNCTION @schema@.is_currency(text) IS 'Whether the text is a currency code invoices and payments accept.';
COMMENT ON FUNCTION @schema@.is_time_zone(text) IS 'Whether the text is a time zone name debtors.timezone accepts.';
