-- Operators steer transfer's deliveries (the Transfer RPCs ListPeerQueues, ListTicketDeliveries,
-- RetryDeliveries, ParkDelivery, CancelDelivery). Owned by the transfer service.

-- An outbox message may be parked (state 3): set aside by an operator, not sent, and its ticket's
-- later messages to that peer wait behind it. A cancelled message keeps its row and sequence, its
-- envelope replaced by the compensating message that takes its place (cancelled = true).
ALTER TABLE transfer_outbox DROP CONSTRAINT transfer_outbox_state_check;
ALTER TABLE transfer_outbox ADD CONSTRAINT transfer_outbox_state_check CHECK (state BETWEEN 0 AND 3);
ALTER TABLE transfer_outbox ADD COLUMN cancelled boolean NOT NULL DEFAULT false;
CREATE INDEX transfer_outbox_parked ON transfer_outbox (peer) WHERE state = 3;

-- Each peer's last delivery and last failed attempt, kept by the sender; and an operator's
-- "retry now", which lets every replica's open breaker for the peer try at once.
CREATE TABLE transfer_peer_status (
  peer text PRIMARY KEY,
  last_success_at timestamptz,
  last_error text NOT NULL DEFAULT '',  -- a status code and the peer's words, never a message's data
  last_error_at timestamptz,
  retry_requested_at timestamptz
);

-- Every operator action on deliveries: who, what, why.
CREATE TABLE transfer_delivery_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  principal text NOT NULL,
  role text NOT NULL,
  action text NOT NULL CHECK (action IN ('retry_message', 'retry_peer', 'park', 'cancel')),
  peer text NOT NULL,
  message_id bigint,              -- NULL for a whole peer
  messages integer NOT NULL,      -- how many messages the action changed
  reason text NOT NULL CHECK (reason <> '')
);
ALTER TABLE transfer_delivery_audit ALTER COLUMN reason SET STATISTICS 0;
