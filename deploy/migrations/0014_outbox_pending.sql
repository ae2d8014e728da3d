-- The relay's queue is its own narrow table. Marking ticket_events rows published copied each
-- wide row (the envelope) and its index entries again and left a dead version to vacuum; a queue
-- row is inserted with the event and deleted once the event is on the stream. ticket_events stays
-- the history; its published_at is no longer written.
-- No vacuum truncation: truncating the emptied tail takes an exclusive lock that every writer's
-- enqueue would wait behind, and the queue refills its pages within seconds anyway.
CREATE TABLE outbox_pending (
  id bigint PRIMARY KEY,               -- ticket_events.id
  occurred_at timestamptz NOT NULL,    -- with id, the event's key in ticket_events
  stream_partition smallint NOT NULL
) WITH (vacuum_truncate = false);

-- Every writer's events join the queue in the writer's own statement and transaction.
CREATE FUNCTION hotline_outbox_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox_pending (id, occurred_at, stream_partition)
  SELECT id, occurred_at, stream_partition FROM new_events;
  RETURN NULL;
END $$;
CREATE TRIGGER ticket_events_enqueue AFTER INSERT ON ticket_events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION hotline_outbox_enqueue();

INSERT INTO outbox_pending (id, occurred_at, stream_partition)
SELECT id, occurred_at, stream_partition FROM ticket_events WHERE published_at IS NULL;
DROP INDEX ticket_events_unpublished;
