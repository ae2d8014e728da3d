-- No query filters, joins or groups on these columns: free text, blobs and fingerprints. Their
-- statistics cost autovacuum's ANALYZE of these insert-heavy tables most of its time (sorting
-- tens of thousands of sampled texts), and that ANALYZE competes with the writers whenever a
-- busy hour has added a tenth of the table. Every other column keeps the default target.
ALTER TABLE tickets
  ALTER COLUMN content SET STATISTICS 0,
  ALTER COLUMN address SET STATISTICS 0,
  ALTER COLUMN caller_name SET STATISTICS 0,
  ALTER COLUMN attachments SET STATISTICS 0;
ALTER TABLE intake_requests
  ALTER COLUMN fingerprint SET STATISTICS 0,
  ALTER COLUMN response SET STATISTICS 0;
