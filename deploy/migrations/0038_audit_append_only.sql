-- The audit trail answers for who learnt what (谁使用、谁负责), so it is append-only: a row, once
-- written, cannot be changed or removed through the tables, whatever login tries. Retention still
-- works by dropping (or detaching) a whole monthly partition, which fires no row trigger and is an
-- owner's act, not the services' (run with a login that does not own the tables, the services
-- also lack the privileges the REVOKE below takes away).
--
-- Each read row also says which personal fields the reader saw, and intake's why.

ALTER TABLE intake_audit_reads ADD COLUMN fields text[] NOT NULL DEFAULT '{}',
                               ADD COLUMN reason text NOT NULL DEFAULT '';
ALTER TABLE routing_audit_reads ADD COLUMN fields text[] NOT NULL DEFAULT '{}';

CREATE FUNCTION hotline_refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;

-- The audit tables; a later migration that adds one lists it here the same way.
CREATE TABLE hotline_audit_tables (name text PRIMARY KEY);
INSERT INTO hotline_audit_tables VALUES
  ('intake_audit_reads'), ('routing_audit_reads'), ('routing_audit_grants'),
  ('transfer_disclosures'), ('transfer_topology_audit'), ('transfer_delivery_audit');

-- Takes UPDATE, DELETE and TRUNCATE on `audit_table` and its partitions from everyone but the
-- owner (the login that runs the migrations); the services should log in as another role. Run it
-- again after granting a role privileges wholesale.
CREATE FUNCTION hotline_revoke_audit_changes(audit_table text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  rel record;
  grantee text;
BEGIN
  FOR rel IN
    SELECT c.oid::regclass::text AS name, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
    WHERE c.oid = audit_table::regclass
       OR c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = audit_table::regclass)
  LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM PUBLIC', rel.name);
    FOR grantee IN
      SELECT DISTINCT g.grantee FROM information_schema.role_table_grants g
      WHERE g.table_name = rel.name AND g.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
        AND g.grantee NOT IN (rel.owner, 'PUBLIC')
    LOOP
      EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM %I', rel.name, grantee);
    END LOOP;
  END LOOP;
END $$;

-- Refuses changes to `audit_table` whoever asks, the owner included: row triggers on a
-- partitioned table are cloned onto every partition, present and future.
CREATE FUNCTION hotline_make_append_only(audit_table text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW '
                 'EXECUTE FUNCTION hotline_refuse_audit_change()',
                 audit_table || '_append_only', audit_table);
  EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT '
                 'EXECUTE FUNCTION hotline_refuse_audit_change()',
                 audit_table || '_no_truncate', audit_table);
  PERFORM hotline_revoke_audit_changes(audit_table);
END $$;

SELECT hotline_make_append_only(name) FROM hotline_audit_tables ORDER BY name;
