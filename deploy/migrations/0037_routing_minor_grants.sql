-- The hotline office's grants of a minor's identifying details (the caller's name and phone, the
-- address) to a unit that is not the lead on the ticket: 知悉范围 widened only by the office, for
-- a reason, until a set time. Revoking sets revoked_at; the grant and the revocation are each
-- recorded in routing_audit_grants, which is never changed afterwards (0038).
CREATE TABLE routing_minor_grants (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id bigint NOT NULL,
  unit_id text NOT NULL,
  granted_by text NOT NULL,
  reason text NOT NULL CHECK (reason <> ''),
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > granted_at),
  revoked_at timestamptz,
  revoked_by text
);
CREATE INDEX routing_minor_grants_live ON routing_minor_grants (ticket_id, unit_id, expires_at)
  WHERE revoked_at IS NULL;

-- Who granted or revoked what, when and why. Grants are few: one table, no partitions.
CREATE TABLE routing_audit_grants (
  at timestamptz NOT NULL,
  grant_id bigint NOT NULL,
  ticket_id bigint NOT NULL,
  unit_id text NOT NULL,
  principal text NOT NULL,
  role smallint NOT NULL,
  action text NOT NULL CHECK (action IN ('grant', 'revoke')),
  reason text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX routing_audit_grants_ticket ON routing_audit_grants (ticket_id, at);

-- A unit's read that showed a minor's details names the grant that allowed it.
ALTER TABLE routing_audit_reads ADD COLUMN grant_id bigint;
