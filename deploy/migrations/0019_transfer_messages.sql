-- Provincial transfer: the messages between instances. Owned by the transfer service.

-- Where each of this instance's transferred tickets came from and went: one row per local
-- ticket that crossed an instance boundary either way.
CREATE TABLE transfer_links (
  ticket_id bigint PRIMARY KEY,
  -- The peer this ticket was received from and its number there ('' for a ticket taken here).
  received_from text NOT NULL DEFAULT '',
  origin_ticket_number text NOT NULL DEFAULT '',
  -- Where the caller was taken (the first hop's origin).
  first_instance text NOT NULL DEFAULT '',
  first_ticket_number text NOT NULL DEFAULT '',
  -- The peer this ticket was sent to and the number it got there ('' until answered).
  sent_to text NOT NULL DEFAULT '',
  remote_ticket_number text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX transfer_links_origin ON transfer_links (received_from, origin_ticket_number)
  WHERE received_from <> '';

-- Messages to peers (store-and-forward), written in the transaction of the change that causes
-- them. Sequence numbers run per (ticket, peer): the receiver applies each stream in order.
-- The envelope holds the caller's contact when it carries a ticket: it is kept like the ticket.
CREATE TABLE transfer_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  peer text NOT NULL,
  ticket_id bigint NOT NULL,
  sequence bigint NOT NULL CHECK (sequence > 0),
  envelope bytea NOT NULL,  -- hotline.transfer.v1.PeerEnvelope
  state smallint NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 2),  -- pending, delivered, dead
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text NOT NULL DEFAULT '',  -- a status code and the peer's message, never a ticket's data
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  UNIQUE (ticket_id, peer, sequence)
);
CREATE INDEX transfer_outbox_due ON transfer_outbox (peer, next_attempt_at) WHERE state = 0;

-- Messages from peers, exactly once: the key is the sender's (origin instance, its ticket
-- number, sequence), inserted in the transaction of the message's effect and kept for the
-- ticket's lifetime. A held message waits for its predecessor (its envelope kept until then);
-- one held too long is parked.
CREATE TABLE transfer_inbox (
  origin_instance text NOT NULL,
  origin_ticket_number text NOT NULL,
  sequence bigint NOT NULL CHECK (sequence > 0),
  state smallint NOT NULL CHECK (state BETWEEN 1 AND 3),  -- applied, held, parked
  envelope bytea,            -- while held or parked
  local_ticket_number text NOT NULL DEFAULT '',  -- the answer a repeat gets
  received_at timestamptz NOT NULL DEFAULT now(),
  applied_at timestamptz,
  PRIMARY KEY (origin_instance, origin_ticket_number, sequence)
);
CREATE INDEX transfer_inbox_held ON transfer_inbox (received_at) WHERE state = 2;

-- Every disclosure of a caller's contact to or from another instance (知悉范围).
CREATE TABLE transfer_disclosures (
  at timestamptz NOT NULL DEFAULT now(),
  ticket_id bigint NOT NULL,
  peer text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('sent', 'received'))
) PARTITION BY RANGE (at);
CREATE TABLE transfer_disclosures_default PARTITION OF transfer_disclosures DEFAULT;
CREATE INDEX transfer_disclosures_ticket ON transfer_disclosures (ticket_id, at);
INSERT INTO hotline_partitioned_tables VALUES ('transfer_disclosures');
SELECT hotline_ensure_monthly_partitions('transfer_disclosures', 3);
