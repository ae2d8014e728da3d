-- Provincial transfer's replies travel back to the instance where the caller was taken.
--
-- 1. The handling instance's reply text is kept with the origin's ticket as a text of its own kind
--    ('remote_reply'), sealed like every other text (0027).
-- 2. Routing publishes its lead units' replies as one read-only view, the only contract of
--    routing_assignments for other services: transfer reads the text it sends back from it.

ALTER TABLE ticket_texts DROP CONSTRAINT ticket_texts_kind_check;
ALTER TABLE ticket_texts ADD CONSTRAINT ticket_texts_kind_check
  CHECK (kind IN ('supplement', 'withdrawal', 'urging', 'remote_reply'));

CREATE VIEW routing_lead_replies (ticket_id, unit_id, reply, replied_at) AS
  SELECT ticket_id, unit_id, reply, replied_at FROM routing_assignments
  WHERE role = 1 AND replied_at IS NOT NULL;
