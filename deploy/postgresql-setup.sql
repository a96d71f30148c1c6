-- The database and the login role recouvred runs as, with the least it needs.
--
--   sudo -u postgres psql -v ON_ERROR_STOP=1 -f deploy/postgresql-setup.sql
--   sudo -u postgres psql -v ON_ERROR_STOP=1 -v password="$(cat /etc/recouvre/db-password)" -f deploy/postgresql-setup.sql
--
-- Variables (psql -v name=value): db_name (default recouvre), db_role (default recouvre),
-- password (default: none, for peer authentication over the Unix socket, where the role name
-- matches the daemon's system user). Run it again at will: it creates only what is missing and
-- sets the grants again.
--
-- What the daemon does, and so what it needs:
--   * it connects                                      -> LOGIN, CONNECT on the database;
--   * it creates the operator schema `recouvre` and one schema `tenant_<slug>` per tenant,
--     and runs their migrations (tables, indexes, triggers, PL/pgSQL functions), so it owns
--     what it creates                                  -> CREATE on the database (schemas only);
--   * each tenant gets two NOLOGIN roles, <prefix>tenant_<slug>_reader and _writer, which
--     the daemon creates with the tenant, grants rights on the tenant's schema only, and
--     drops with it                                    -> CREATEROLE;
--   * LISTEN/NOTIFY and advisory locks                 -> nothing more.
-- What it does not get: SUPERUSER, CREATEDB, REPLICATION, BYPASSRLS. CREATEROLE never reaches
-- superusers; from PostgreSQL 16 on it reaches only the roles the daemon created, while up to
-- 15 it may alter and grant any other role (docs/operations.md weighs this). NOINHERIT keeps
-- the daemon from using the rights of the tenant roles it creates. It never creates extensions;
-- the creditors' login roles are made by the operator and granted into a tenant's reader or
-- writer role (docs/sql-api.md, "Roles and access").

\set ON_ERROR_STOP on
\if :{?db_name}
\else
\set db_name recouvre
\endif
\if :{?db_role}
\else
\set db_role recouvre
\endif

-- NOINHERIT: the role gains nothing from any role it might later be made a member of.
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB CREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT', :'db_role')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'db_role') \gexec
-- Attributes again, for a role that already existed with more.
ALTER ROLE :"db_role" NOSUPERUSER NOCREATEDB CREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;

\if :{?password}
-- scram-sha-256 is the default password_encryption from PostgreSQL 14 on; said here so an
-- older setting cannot store an md5 hash.
SET password_encryption = 'scram-sha-256';
ALTER ROLE :"db_role" PASSWORD :'password';
\endif

-- The database is owned by the administrator running this script, not by the daemon: the
-- daemon cannot drop it, rename it, or change its settings.
SELECT format('CREATE DATABASE %I ENCODING %L TEMPLATE template0', :'db_name', 'UTF8')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db_name') \gexec

-- Nobody connects or creates temporary tables unless granted; integrations' roles get CONNECT
-- from the operator, one by one.
REVOKE ALL ON DATABASE :"db_name" FROM PUBLIC;
-- CONNECT to log in; CREATE to create the operator and tenant schemas, which it then owns.
GRANT CONNECT, CREATE ON DATABASE :"db_name" TO :"db_role";

\connect :"db_name"
-- The daemon puts nothing in `public`; no one else should either (PostgreSQL 15's default,
-- restated for clusters upgraded from older versions).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
