-- NOTIFY takes a database-wide lock from pre-commit until the commit is durable, so every
-- transaction that wrote events waited for the previous one's WAL flush: group commit was lost
-- and concurrent writers ran at half their rate. Relays poll instead (one cheap statement per
-- pass over every partition they own; OutboxRelayOptions.idle_poll).
DROP TRIGGER ticket_events_notify ON ticket_events;
DROP FUNCTION hotline_outbox_notify();
