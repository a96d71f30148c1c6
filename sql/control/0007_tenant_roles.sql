-- Each tenant gets two NOLOGIN roles, made by its tenant migration 0007 and dropped with it:
-- `<prefix>tenant_<slug>_reader` (SELECT on the schema's tables and views, EXECUTE on its
-- reporting functions) and `<prefix>tenant_<slug>_writer` (the reader's rights, plus writing
-- debtors, invoices, payments and policies and calling the procedure functions). A creditor's
-- login roles are granted into them.
--
-- Roles belong to the cluster, schemas to a database: two databases on one cluster (staging and
-- production, or test databases) that both have a tenant `acme` would otherwise share, or
-- fight over, `tenant_acme_reader`. Each database therefore has a role prefix, stored here.
-- It is read from the setting `recouvre.role_prefix` when this migration runs, e.g.
--
--   ALTER DATABASE recouvre_staging SET recouvre.role_prefix = 'staging_';
--
-- before the daemon's first start, and is empty otherwise, so that production's roles are
-- exactly `tenant_<slug>_reader`. It may change only while there is no tenant: existing roles
-- are never renamed behind the creditors' grants.

CREATE TABLE recouvre.role_settings (
    only_row     boolean PRIMARY KEY DEFAULT true
                 CONSTRAINT role_settings_single_row CHECK (only_row),
    -- At most 9 characters: with `tenant_`, a 40-character slug and `_writer` a role name
    -- stays within PostgreSQL's 63.
    role_prefix  text NOT NULL DEFAULT ''
                 CONSTRAINT role_settings_prefix_format CHECK (role_prefix ~ '^([a-z][a-z0-9_]{0,8})?$')
);

COMMENT ON TABLE recouvre.role_settings IS
    'The prefix of this database''s tenant role names (<prefix>tenant_<slug>_reader/_writer); empty by default.';

INSERT INTO recouvre.role_settings (role_prefix)
VALUES (coalesce(current_setting('recouvre.role_prefix', true), ''));

CREATE FUNCTION recouvre.refuse_prefix_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'recouvre.role_settings keeps its one row: update role_prefix instead'
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.role_prefix IS DISTINCT FROM OLD.role_prefix AND EXISTS (SELECT 1 FROM recouvre.tenants) THEN
        RAISE EXCEPTION 'the role prefix cannot change while tenants exist: their roles are named with it'
            USING ERRCODE = 'object_in_use',
                  HINT = 'Set recouvre.role_prefix before the first tenant is created.';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER role_settings_prefix_fixed BEFORE UPDATE ON recouvre.role_settings
    FOR EACH ROW EXECUTE FUNCTION recouvre.refuse_prefix_change();
CREATE TRIGGER role_settings_not_deleted BEFORE DELETE OR TRUNCATE ON recouvre.role_settings
    FOR EACH STATEMENT EXECUTE FUNCTION recouvre.refuse_prefix_change();

-- The name of a tenant's role of `kind` ('reader' or 'writer').
CREATE FUNCTION recouvre.tenant_role(slug text, kind text) RETURNS text
    LANGUAGE sql STABLE STRICT SET search_path = pg_catalog
    RETURN (SELECT s.role_prefix || 'tenant_' || slug || '_' || kind FROM recouvre.role_settings s);

COMMENT ON FUNCTION recouvre.tenant_role(text, text) IS
    'The name of a tenant''s reader or writer role in this database: <prefix>tenant_<slug>_<kind>.';

-- Nobody but the daemon's role (the schema's owner) uses the operator schema. Tenant roles get
-- no USAGE on it: the tenant triggers that write here are SECURITY DEFINER (they run as the
-- owner, search_path pinned), and so are the helpers that read operator tables
-- (is_time_zone, the tenants' legal_rates and time_zone). Only the three validation functions
-- the tenant CHECK constraints call keep EXECUTE for PUBLIC, which PostgreSQL grants to every
-- new function: a constraint runs its function with the rights of whoever writes the row, and
-- is_email and is_currency are pure expressions while is_time_zone only answers whether a
-- name is a zone, so they give nothing away. Reaching them takes no USAGE on the schema (a
-- constraint holds the function itself, not its name). Functions of the operator schema that
-- act on its tables have EXECUTE revoked from PUBLIC one by one, as below.
REVOKE ALL ON SCHEMA recouvre FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION recouvre.tenant_role(text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION recouvre.refuse_prefix_change() FROM PUBLIC;
