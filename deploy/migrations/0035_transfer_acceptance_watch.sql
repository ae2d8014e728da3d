-- The sender watches for the receiving instance's acceptance (签收) of each forwarded ticket and
-- raises transfer.unacknowledged once when the limit of its tier passes. Owned by the transfer
-- service.
CREATE TABLE transfer_acceptance_watch (
  ticket_id bigint NOT NULL,
  peer text NOT NULL,
  forwarded_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  tier text NOT NULL CHECK (tier IN ('standard', 'urgent', 'child_protection')),
  answered_at timestamptz,  -- accepted there (or a hop further), or back here
  flagged_at timestamptz,   -- transfer.unacknowledged raised
  PRIMARY KEY (ticket_id, peer)
);
-- What the watcher reads every few seconds, and what the gauge counts: the open ones only.
CREATE INDEX transfer_acceptance_watch_due ON transfer_acceptance_watch (due_at)
  WHERE answered_at IS NULL AND flagged_at IS NULL;
CREATE INDEX transfer_acceptance_watch_flagged ON transfer_acceptance_watch (peer)
  WHERE answered_at IS NULL AND flagged_at IS NOT NULL;
