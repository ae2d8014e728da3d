-- Callers the hotline office flagged as malicious (恶意来电). The phone is kept only as the ticket
-- core's blind index (a keyed hash, 0027) and its last four digits; lifting a flag keeps the row,
-- so who flagged and who lifted stays on record.
CREATE TABLE intake_caller_flags (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  phone_index bytea NOT NULL,
  phone_hint text NOT NULL CHECK (phone_hint ~ '^[0-9]{0,4}$'),
  reason_code text NOT NULL CHECK (reason_code IN ('harassment', 'false_reports', 'abuse')),
  flagged_by text NOT NULL,
  flagged_at timestamptz NOT NULL,
  expires_at timestamptz,
  lifted_by text,
  lifted_at timestamptz
);
-- One live flag a phone: flagging again refreshes it.
CREATE UNIQUE INDEX intake_caller_flags_live ON intake_caller_flags (phone_index)
  WHERE lifted_at IS NULL;
