-- The logins of the hotline suite, made by the db-roles one-shot of deploy/compose.yaml as the
-- superuser before the migrations run; run again, it only resets the passwords.
--   hotline_owner    owns the database and the schema; the migrate one-shot logs in as it
--   hotline_service  a group that owns no table: the migrations grant it what services need
--   hotline_app      the services' login, a member of hotline_service
-- psql -v owner_password=… -v service_password=… -f db-roles.sql
\set ON_ERROR_STOP on

SELECT 'CREATE ROLE hotline_owner LOGIN'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hotline_owner') \gexec
SELECT format('ALTER ROLE hotline_owner PASSWORD %L', :'owner_password') \gexec

SELECT 'CREATE ROLE hotline_service NOLOGIN'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hotline_service') \gexec

SELECT 'CREATE ROLE hotline_app LOGIN IN ROLE hotline_service'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hotline_app') \gexec
SELECT format('ALTER ROLE hotline_app PASSWORD %L', :'service_password') \gexec

-- The owner creates the tables; in PostgreSQL 15 the public schema belongs to the database owner.
ALTER DATABASE hotline OWNER TO hotline_owner;
REVOKE ALL ON DATABASE hotline FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE hotline TO hotline_service;
