-- Free text kept outside the ticket core is sealed like the ticket's own fields (0027): a unit's
-- reply and a return's reason (routing), the reasons of suspension and extension requests and of
-- their decisions (supervision). Each text column gets a sealed twin (NULL when the text is
-- empty) and each row the id of the key that sealed it (libs/ticketstore/sealed_columns.h). The
-- plain columns stay for rows written before; the services' resealer seals and empties them.

ALTER TABLE routing_assignments
  ADD COLUMN reply_sealed bytea, ADD COLUMN return_reason_sealed bytea, ADD COLUMN sealed_key text;
ALTER TABLE supervision_suspension_requests
  ADD COLUMN reason_sealed bytea, ADD COLUMN decision_reason_sealed bytea,
  ADD COLUMN sealed_key text;
ALTER TABLE supervision_extension_requests
  ADD COLUMN reason_sealed bytea, ADD COLUMN decision_reason_sealed bytea,
  ADD COLUMN sealed_key text;

-- What the resealer looks for: rows with plain text left, rows of a key that is no longer active.
CREATE INDEX routing_assignments_plain ON routing_assignments (id)
  WHERE sealed_key IS NULL AND (reply <> '' OR return_reason <> '');
CREATE INDEX routing_assignments_sealed_key ON routing_assignments (sealed_key, id)
  WHERE sealed_key IS NOT NULL;
CREATE INDEX supervision_suspensions_plain ON supervision_suspension_requests (id)
  WHERE sealed_key IS NULL AND (reason <> '' OR decision_reason <> '');
CREATE INDEX supervision_suspensions_sealed_key ON supervision_suspension_requests (sealed_key, id)
  WHERE sealed_key IS NOT NULL;
CREATE INDEX supervision_extensions_plain ON supervision_extension_requests (id)
  WHERE sealed_key IS NULL AND (reason <> '' OR decision_reason <> '');
CREATE INDEX supervision_extensions_sealed_key ON supervision_extension_requests (sealed_key, id)
  WHERE sealed_key IS NOT NULL;

-- Transfer reads the reply it sends back through this view (0036): now with what opens it.
DROP VIEW routing_lead_replies;
CREATE VIEW routing_lead_replies (ticket_id, unit_id, reply, replied_at, assignment_id,
    reply_sealed) AS
  SELECT ticket_id, unit_id, reply, replied_at, id, reply_sealed FROM routing_assignments
  WHERE role = 1 AND replied_at IS NOT NULL;
