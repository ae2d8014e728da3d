-- A handling unit's contacts with the caller (响应) on its assignments: when and by what means,
-- never a number, an address or words. The first of an assignment is reported
-- (routing.caller_contacted); reporting's 响应率 judges it against its catalogue's limit.
CREATE TABLE routing_caller_contacts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  assignment_id bigint NOT NULL REFERENCES routing_assignments (id),
  means smallint NOT NULL CHECK (means BETWEEN 1 AND 3),  -- hotline.routing.v1.ContactMeans
  contacted_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX routing_caller_contacts_assignment ON routing_caller_contacts (assignment_id, id);
