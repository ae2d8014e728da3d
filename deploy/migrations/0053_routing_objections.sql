-- Objection review (派单异议审核). A lead unit may return a dispatch only within a window after it
-- (working days on one of supervision's business calendars, by category: the longest matching
-- prefix wins); the return then waits here for the hotline office, which upholds it (the ticket
-- is routed again without the unit) or rejects it (the unit must handle it). After three failed
-- dispatches the office designates the unit (routing_designations), which cannot return it.
CREATE TABLE routing_objection_windows (
  category_prefix text PRIMARY KEY,  -- '' = every category
  working_days integer NOT NULL CHECK (working_days BETWEEN 0 AND 10),
  calendar text NOT NULL
);
-- 1 working day by default, 2 for matters that usually need several departments to sort out
-- whose they are (DATA TO VERIFY: each office marks its own complex categories).
INSERT INTO routing_objection_windows (category_prefix, working_days, calendar) VALUES
  ('', 1, 'standard'),
  ('housing/real-estate', 2, 'standard'),
  ('environment', 2, 'standard');

CREATE TABLE routing_objections (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets (id),
  ticket_number text NOT NULL,
  assignment_id bigint NOT NULL REFERENCES routing_assignments (id),
  unit_id text NOT NULL,
  round integer NOT NULL,
  category text NOT NULL,
  region_code text NOT NULL,
  urgency smallint NOT NULL,
  dispatched_at timestamptz NOT NULL,
  raised_at timestamptz NOT NULL,
  window_ends_at timestamptz NOT NULL,
  state smallint NOT NULL CHECK (state BETWEEN 1 AND 4),  -- hotline.routing.v1.ObjectionState
  failed_dispatches integer NOT NULL DEFAULT 0,
  decided_at timestamptz,
  decided_by text NOT NULL DEFAULT '',
  -- Free text, sealed like the assignments' (libs/ticketstore/sealed_columns.h).
  reason text NOT NULL DEFAULT '',
  decision_reason text NOT NULL DEFAULT '',
  reason_sealed bytea,
  decision_reason_sealed bytea,
  sealed_key text
);
-- One open objection per assignment, even if two replicas raced.
CREATE UNIQUE INDEX routing_objections_one_pending ON routing_objections (assignment_id)
  WHERE state = 1;
CREATE INDEX routing_objections_assignment ON routing_objections (assignment_id, id);
-- The office's queue: pending objections by place, oldest first; the rest is never scanned.
CREATE INDEX routing_objections_queue ON routing_objections
  (region_code text_pattern_ops, raised_at, id) WHERE state = 1;
CREATE INDEX routing_objections_queue_age ON routing_objections (raised_at, id) WHERE state = 1;
-- The resealer's claims (ResealTable): plain rows first, then rows of another key.
CREATE INDEX routing_objections_plain ON routing_objections (id)
  WHERE sealed_key IS NULL AND (reason <> '' OR decision_reason <> '');
CREATE INDEX routing_objections_sealed_key ON routing_objections (sealed_key, id)
  WHERE sealed_key IS NOT NULL;
CREATE INDEX routing_objections_ticket ON routing_objections (ticket_id);

CREATE TABLE routing_designations (
  ticket_id bigint NOT NULL REFERENCES tickets (id),
  round integer NOT NULL,
  unit_id text NOT NULL,
  designated_by text NOT NULL,
  designated_at timestamptz NOT NULL,
  failed_dispatches integer NOT NULL,
  PRIMARY KEY (ticket_id, round)
);
