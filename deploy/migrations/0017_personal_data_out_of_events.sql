-- Personal data leaves the event stream (issue: "no personal data on the stream").
--
-- 1. ticket_texts keeps the free text that accompanies a ticket after it was taken: supplements
--    (补充材料), the caller's reason for withdrawing, the office's note when urging (督办). It is
--    personal or free text, so it stays in PostgreSQL next to the ticket; the event of the same
--    ticket version only says that it exists.
-- 2. The texts already written into event payloads move here.
-- 3. Every stored envelope loses its personal fields (those marked (hotline.common.v1.personal)
--    in proto/): the caller, address, content and attachments of "ticket.created", notes, reasons,
--    replies and supplements. Events still waiting for the relay are published without them.
--    Entries already on Redis leave with the streams' trimming.

CREATE TABLE ticket_texts (
  ticket_id bigint NOT NULL REFERENCES tickets (id),
  ticket_version bigint NOT NULL,           -- the version its event gave the ticket
  kind text NOT NULL CHECK (kind IN ('supplement', 'withdrawal', 'urging')),
  written_at timestamptz NOT NULL,
  body text NOT NULL,
  attachments bytea,                        -- serialized repeated AttachmentRef, as in tickets
  PRIMARY KEY (ticket_id, ticket_version)
);
ALTER TABLE ticket_texts ALTER COLUMN body SET STATISTICS 0,
  ALTER COLUMN attachments SET STATISTICS 0;

-- ---- Protocol-buffer wire format, just enough to move and drop fields of stored envelopes ----

-- The base-128 varint of `msg` at byte `pos` (0-based), and the position after it.
CREATE FUNCTION hotline_pb_varint(msg bytea, pos int, OUT value bigint, OUT next int)
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  b int;
  shift int := 0;
BEGIN
  value := 0;
  next := pos;
  LOOP
    b := get_byte(msg, next);
    next := next + 1;
    IF shift < 63 THEN
      value := value | ((b & 127)::bigint << shift);
    END IF;
    EXIT WHEN b < 128;
    shift := shift + 7;
  END LOOP;
END $$;

-- A non-negative value as a varint (lengths and tags).
CREATE FUNCTION hotline_pb_encode_varint(value bigint) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  out bytea := ''::bytea;
  v bigint := value;
BEGIN
  LOOP
    IF v < 128 THEN
      RETURN out || set_byte('\x00'::bytea, 0, v::int);
    END IF;
    out := out || set_byte('\x00'::bytea, 0, ((v & 127) | 128)::int);
    v := v >> 7;
  END LOOP;
END $$;

-- The fields of `msg`, in order: number, wire type, the bytes of the whole field (tag included)
-- and, for length-delimited fields, the bytes inside.
CREATE FUNCTION hotline_pb_fields(msg bytea)
RETURNS TABLE (num int, wire int, whole bytea, inner_bytes bytea)
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  pos int := 0;
  start int;
  r record;
  len int;
BEGIN
  WHILE pos < length(msg) LOOP
    start := pos;
    r := hotline_pb_varint(msg, pos);
    num := (r.value >> 3)::int;
    wire := (r.value & 7)::int;
    pos := r.next;
    inner_bytes := NULL;
    IF wire = 0 THEN
      pos := (hotline_pb_varint(msg, pos)).next;
    ELSIF wire = 1 THEN
      pos := pos + 8;
    ELSIF wire = 5 THEN
      pos := pos + 4;
    ELSIF wire = 2 THEN
      r := hotline_pb_varint(msg, pos);
      len := r.value::int;
      inner_bytes := substring(msg FROM r.next + 1 FOR len);
      pos := r.next + len;
    ELSE
      RAISE EXCEPTION 'protobuf wire type % (field %) is not used by the suite', wire, num;
    END IF;
    whole := substring(msg FROM start + 1 FOR pos - start);
    RETURN NEXT;
  END LOOP;
END $$;

-- `msg` without the fields `paths` name. A path is a chain of field numbers through nested
-- messages, e.g. '9.2.1.11' = EventEnvelope.payload → Any.value → TicketCreated.ticket →
-- Ticket.caller; every occurrence of a repeated field on the way is rewritten.
CREATE FUNCTION hotline_pb_strip(msg bytea, paths text[]) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  f record;
  out bytea := ''::bytea;
  deeper text[];
  body bytea;
BEGIN
  FOR f IN SELECT * FROM hotline_pb_fields(msg) LOOP
    CONTINUE WHEN f.num::text = ANY (paths);
    SELECT coalesce(array_agg(substr(p, length(f.num::text) + 2)), '{}') INTO deeper
    FROM unnest(paths) AS p WHERE p LIKE f.num::text || '.%';
    IF f.wire = 2 AND cardinality(deeper) > 0 THEN
      body := hotline_pb_strip(f.inner_bytes, deeper);
      out := out || hotline_pb_encode_varint(f.num::bigint << 3 | 2)
                 || hotline_pb_encode_varint(length(body)) || body;
    ELSE
      out := out || f.whole;
    END IF;
  END LOOP;
  RETURN out;
END $$;

-- The bytes inside the last occurrence of length-delimited field `num` (proto3: the last wins).
CREATE FUNCTION hotline_pb_field(msg bytea, num int) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT f.inner_bytes FROM hotline_pb_fields(msg) WITH ORDINALITY AS f
  WHERE f.num = $2 AND f.wire = 2 ORDER BY ordinality DESC LIMIT 1
$$;

-- The occurrences of repeated field `num`, renumbered as field `as_num` (to move attachments
-- from a payload into the "Ticket holding only attachments" form the tables store).
CREATE FUNCTION hotline_pb_renumber(msg bytea, num int, as_num int) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT string_agg(hotline_pb_encode_varint(as_num::bigint << 3 | 2)
                    || hotline_pb_encode_varint(length(f.inner_bytes)) || f.inner_bytes,
                    ''::bytea ORDER BY ordinality)
  FROM hotline_pb_fields(msg) WITH ORDINALITY AS f WHERE f.num = $2 AND f.wire = 2
$$;

-- ---- 2. The texts written into payloads so far ----
-- EventEnvelope.payload = 9, Any.value = 2; SupplementAdded: content 1, attachments 2;
-- TicketWithdrawn: reason 1; DeadlineStep: note 6, by_hand 5. Ticket.attachments = 13.
INSERT INTO ticket_texts (ticket_id, ticket_version, kind, written_at, body, attachments)
SELECT e.ticket_id, e.ticket_version, t.kind, e.occurred_at,
  coalesce(convert_from(hotline_pb_field(v.payload, t.text_field), 'UTF8'), ''),
  CASE WHEN t.kind = 'supplement' THEN hotline_pb_renumber(v.payload, 2, 13) END
FROM ticket_events e
JOIN (VALUES ('intake.supplement_added', 'supplement', 1),
             ('intake.withdrawn', 'withdrawal', 1),
             ('supervision.deadline_step', 'urging', 6)) AS t (type, kind, text_field)
  ON t.type = e.type
CROSS JOIN LATERAL (
  SELECT coalesce(hotline_pb_field(hotline_pb_field(e.envelope, 9), 2), ''::bytea) AS payload) v
WHERE hotline_pb_field(v.payload, t.text_field) IS NOT NULL OR t.kind = 'supplement'
ON CONFLICT DO NOTHING;

-- ---- 3. Stored envelopes without their personal fields ----
CREATE TEMPORARY TABLE personal_paths (type text PRIMARY KEY, paths text[]) ON COMMIT DROP;
INSERT INTO personal_paths VALUES
  -- TicketCreated.ticket = 1 → Ticket: address 10, caller 11, content 12, attachments 13
  ('ticket.created', '{9.2.1.10,9.2.1.11,9.2.1.12,9.2.1.13}'),
  -- TicketStateChanged.note = 4
  ('ticket.state_changed', '{9.2.4}'),
  ('intake.supplement_added', '{9.2.1,9.2.2}'),
  ('intake.withdrawn', '{9.2.1}'),
  -- TicketDispatched.assignments = 2 → Assignment: reply 11, return_reason 12
  ('routing.dispatched', '{9.2.2.11,9.2.2.12}'),
  -- AssignmentChanged.assignment = 1
  ('routing.assignment_changed', '{9.2.1.11,9.2.1.12}'),
  -- TicketReplied: reply 2, co_handler_opinions 3 → Assignment
  ('routing.replied', '{9.2.2,9.2.3.11,9.2.3.12}'),
  -- DeadlineStep.note = 6
  ('supervision.deadline_step', '{9.2.6}'),
  -- ExtensionDecided.request = 1 → ExtensionRequest: reason 4, decision_reason 7
  ('supervision.extension_decided', '{9.2.1.4,9.2.1.7}');

UPDATE ticket_events e SET envelope = hotline_pb_strip(e.envelope, p.paths)
FROM personal_paths p WHERE e.type = p.type;
