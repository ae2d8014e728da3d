-- Which unit read which ticket's details through routing, and when (知悉范围: who knows a minor's
-- or a caller's details must be traceable). Grows without bound: monthly partitions.
CREATE TABLE routing_audit_reads (
  read_at timestamptz NOT NULL,
  ticket_id bigint NOT NULL,
  assignment_id bigint NOT NULL,
  principal text NOT NULL,
  caller_withheld boolean NOT NULL
) PARTITION BY RANGE (read_at);
CREATE TABLE routing_audit_reads_default PARTITION OF routing_audit_reads DEFAULT;
CREATE INDEX routing_audit_reads_ticket ON routing_audit_reads (ticket_id, read_at);
INSERT INTO hotline_partitioned_tables VALUES ('routing_audit_reads');
SELECT hotline_ensure_monthly_partitions('routing_audit_reads', 3);
