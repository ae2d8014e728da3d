-- Transfer's per-peer gauges count the dead letters of each peer (what waits for an operator)
-- every few seconds; this keeps that count off the delivered rows, the bulk of the outbox.
CREATE INDEX transfer_outbox_dead ON transfer_outbox (peer) WHERE state = 2;
