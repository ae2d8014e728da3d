-- Personal data at rest is sealed by the services (libs/crypto: AES-256-GCM, keys in a file
-- outside the database), so the tables, their backups and the WAL hold only ciphertext.
--
-- tickets.sealed holds a Ticket message with only the caller's name and phone, the address, the
-- content and the attachments, sealed for "tickets/<id>"; ticket_texts.sealed a Ticket with the
-- body as content and the attachments, sealed for "ticket_texts/<ticket id>/<version>". The plain
-- columns stay for rows written before: the services' resealer seals those (and re-seals rows of
-- an old key after a rotation) in the background and empties their plain columns.

ALTER TABLE tickets
  ADD COLUMN sealed bytea,
  ADD COLUMN sealed_key text,             -- the key id the row was sealed with
  ADD COLUMN caller_phone_index bytea;    -- keyed hash of the caller's phone, for equality look-ups
ALTER TABLE tickets ALTER COLUMN sealed SET STATISTICS 0,
  ALTER COLUMN caller_phone_index SET STATISTICS 0;
CREATE INDEX tickets_caller_phone_index ON tickets (caller_phone_index)
  WHERE caller_phone_index IS NOT NULL;
-- The resealer's work: rows not sealed yet, and rows of a key other than the active one.
CREATE INDEX tickets_unsealed ON tickets (id) WHERE sealed IS NULL;
CREATE INDEX tickets_sealed_key ON tickets (sealed_key, id);

ALTER TABLE ticket_texts
  ADD COLUMN sealed bytea,
  ADD COLUMN sealed_key text;
ALTER TABLE ticket_texts ALTER COLUMN sealed SET STATISTICS 0;
CREATE INDEX ticket_texts_unsealed ON ticket_texts (ticket_id, ticket_version) WHERE sealed IS NULL;
CREATE INDEX ticket_texts_sealed_key ON ticket_texts (sealed_key, ticket_id, ticket_version);
