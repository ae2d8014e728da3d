-- Anonymisation (libs/ticketstore/anonymiser.cc) clears the envelopes a ticket's messages still
-- keep from other instances (held or parked): found by the local ticket, among the few kept.
CREATE INDEX transfer_inbox_kept ON transfer_inbox (local_ticket_number) WHERE envelope IS NOT NULL;
