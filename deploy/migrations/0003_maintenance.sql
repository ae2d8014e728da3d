-- Housekeeping, run about hourly by the relay that owns stream partition 0.
--  * every table listed in hotline_partitioned_tables has its monthly partitions ahead of time;
--  * consumed_events forgets events older than `consumed_retention` (far longer than the stream
--    keeps entries, so nothing can be redelivered after its row is gone), a bounded batch a run;
--  * per-day ticket-number sequences of past days are dropped.

-- Tables range-partitioned by month; a migration that makes one adds its name here.
CREATE TABLE hotline_partitioned_tables (name text PRIMARY KEY);
INSERT INTO hotline_partitioned_tables VALUES ('ticket_events');

CREATE FUNCTION hotline_maintenance(consumed_retention interval DEFAULT interval '7 days',
                                    max_pruned int DEFAULT 500000)
RETURNS TABLE (created_partitions int, pruned_consumed bigint, dropped_sequences int)
LANGUAGE plpgsql AS $$
DECLARE
  seq record;
  tbl record;
BEGIN
  created_partitions := 0;
  FOR tbl IN SELECT name FROM hotline_partitioned_tables ORDER BY name LOOP
    created_partitions := created_partitions + hotline_ensure_monthly_partitions(tbl.name, 3);
  END LOOP;

  DELETE FROM consumed_events WHERE ctid IN (
    SELECT ctid FROM consumed_events WHERE consumed_at < now() - consumed_retention
    LIMIT max_pruned);
  GET DIAGNOSTICS pruned_consumed = ROW_COUNT;

  dropped_sequences := 0;
  FOR seq IN
    SELECT c.relname FROM pg_class c
    WHERE c.relkind = 'S' AND c.relname ~ '^ticket_number_seq_[0-9]{8}$'
      AND to_date(right(c.relname, 8), 'YYYYMMDD') < (now() AT TIME ZONE 'Asia/Shanghai')::date - 2
  LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS %I', seq.relname);
    dropped_sequences := dropped_sequences + 1;
  END LOOP;
  RETURN NEXT;
END $$;
