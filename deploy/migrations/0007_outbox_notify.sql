-- Wake the outbox relays as soon as a transaction that wrote events commits, instead of letting
-- them find the rows at their next poll. NOTIFY is delivered at commit and collapsed within a
-- transaction, so a writer pays one cheap queue entry however many events it wrote.
CREATE FUNCTION hotline_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hotline_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER ticket_events_notify AFTER INSERT ON ticket_events
  FOR EACH STATEMENT EXECUTE FUNCTION hotline_outbox_notify();
