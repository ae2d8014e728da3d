-- How far the reporting consumer has got, per stream partition (each partition has one consumer
-- at a time, so the rows are not contended): the occurrence time of the newest event applied.
-- GetRollupStatus compares it with the newest event of the ticket core.
CREATE TABLE reporting_rollup_progress (
  stream_partition integer PRIMARY KEY,
  last_event_at timestamptz NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);
