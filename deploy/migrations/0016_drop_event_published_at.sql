-- Since 0014 the relay's queue is outbox_pending and nothing writes ticket_events.published_at:
-- a column that is always NULL would tell a reader of the history that no event was published.
-- On a partitioned table the drop changes only the catalogue; existing rows are not rewritten.
ALTER TABLE ticket_events DROP COLUMN published_at;
