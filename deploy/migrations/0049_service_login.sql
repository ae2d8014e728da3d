-- The services log in as members of hotline_service, a role that owns nothing; the login that
-- runs the migrations (`hotline-admin migrate`) owns every table. So a service cannot alter or
-- drop a table, disable the audit trail's triggers, or change, delete or truncate an audit row:
-- those are the owner's acts, and the owner's login is not in any service's hands.
--
-- A login for the services: CREATE ROLE hotline_app LOGIN PASSWORD '…' IN ROLE hotline_service;
-- (deploy/local/suite makes one). The role itself is made here when the migrating login may
-- create roles; otherwise the database administrator makes it (NOLOGIN) before migrating.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hotline_service') THEN
    CREATE ROLE hotline_service NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;  -- another database of the cluster migrating at the same moment made it
END $$;

-- What the services may do: read and write the data, never the schema's own bookkeeping nor
-- the audit rows once written. The migrator calls this after every run that applied a
-- migration, so a table a later migration adds is covered without naming it.
CREATE FUNCTION hotline_grant_service_rights() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  GRANT USAGE ON SCHEMA public TO hotline_service;
  GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO hotline_service;
  GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO hotline_service;
  REVOKE INSERT, UPDATE, DELETE, TRUNCATE
    ON schema_migrations, hotline_audit_tables, hotline_partitioned_tables FROM hotline_service;
  PERFORM hotline_revoke_audit_changes(name) FROM hotline_audit_tables;
END $$;

SELECT hotline_grant_service_rights();

-- The two routines that make database objects at run time do so as their owner: the monthly
-- partitions ahead of time, and each service day's ticket-number sequence. Fixed search path,
-- as every SECURITY DEFINER routine needs.
ALTER FUNCTION hotline_maintenance(interval, int) SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION hotline_next_ticket_sequence(date) SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION hotline_ensure_monthly_partitions(text, int) SET search_path = public, pg_temp;
REVOKE EXECUTE ON FUNCTION hotline_ensure_monthly_partitions(text, int) FROM PUBLIC;

-- Only the owner may VACUUM; the relays stop vacuuming the outbox queue under the service login,
-- so autovacuum takes it as soon as a few thousand dead rows gather, without pausing.
ALTER TABLE outbox_pending SET (autovacuum_vacuum_scale_factor = 0,
                                autovacuum_vacuum_threshold = 2000,
                                autovacuum_vacuum_cost_delay = 0);
