-- Transfer's messages sealed at rest: an envelope that carries a ticket holds the caller's
-- contact, so transfer_outbox.envelope and transfer_inbox.envelope hold it sealed by the service
-- (libs/crypto, AES-256-GCM), bound to the row's key: "transfer_outbox/<peer>/<ticket id>/<sequence>"
-- and "transfer_inbox/<origin instance>/<origin ticket number>/<sequence>".
--
-- envelope_key is the id of the key that sealed the envelope; NULL marks a row written before
-- this migration, whose envelope is in clear. The service reads both; an outbox row is done
-- once delivered and an inbox envelope is dropped once applied, so the clear rows age out.

ALTER TABLE transfer_outbox ADD COLUMN envelope_key text;
ALTER TABLE transfer_outbox ALTER COLUMN envelope SET STATISTICS 0;

ALTER TABLE transfer_inbox ADD COLUMN envelope_key text;
ALTER TABLE transfer_inbox ALTER COLUMN envelope SET STATISTICS 0;
