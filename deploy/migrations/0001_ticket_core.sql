-- Ticket core shared by every service through libs/ticketstore: tickets, their event history,
-- which is also the outbox the relay publishes to the Redis stream, and ticket numbering.

-- Monthly range partitions for tables that grow without bound, so retention drops partitions.
-- Creates the previous month, this month and `months_ahead` more; idempotent.
CREATE FUNCTION hotline_ensure_monthly_partitions(parent text, months_ahead int) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
  m timestamp := date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month';
  part text;
  created int := 0;
BEGIN
  FOR i IN 0..months_ahead + 1 LOOP
    part := format('%s_y%sm%s', parent, to_char(m, 'YYYY'), to_char(m, 'MM'));
    IF to_regclass(part) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                     part, parent, m AT TIME ZONE 'UTC', (m + interval '1 month') AT TIME ZONE 'UTC');
      created := created + 1;
    END IF;
    m := m + interval '1 month';
  END LOOP;
  RETURN created;
END $$;

CREATE TABLE tickets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number text NOT NULL UNIQUE,
  instance_id text NOT NULL,
  channel smallint NOT NULL,
  source_line smallint NOT NULL,
  kind smallint NOT NULL,
  urgency smallint NOT NULL,
  category text NOT NULL,
  region_code text NOT NULL,              -- canonical division code, e.g. '530102'
  address text NOT NULL DEFAULT '',
  caller_name text NOT NULL DEFAULT '',
  caller_phone text NOT NULL DEFAULT '',
  caller_anonymous boolean NOT NULL DEFAULT false,
  caller_confidential boolean NOT NULL DEFAULT false,
  content text NOT NULL DEFAULT '',
  attachments bytea,                      -- serialized repeated AttachmentRef
  involves_minor boolean NOT NULL DEFAULT false,
  emergency boolean NOT NULL DEFAULT false,
  state text NOT NULL,                    -- TicketState name, e.g. 'PENDING_DISPATCH'
  suspended_from text,                    -- set only while SUSPENDED
  idempotency_key text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version bigint NOT NULL DEFAULT 1 CHECK (version >= 1)
);
-- Jurisdiction look-ups are by code prefix.
CREATE INDEX tickets_region_prefix ON tickets (region_code text_pattern_ops, state);
CREATE INDEX tickets_created_at ON tickets (created_at);

CREATE SEQUENCE ticket_events_id_seq;

-- Every change of a ticket writes one row here in the same transaction (the outbox).
-- published_at stays NULL until the relay has put the row on the stream.
CREATE TABLE ticket_events (
  id bigint NOT NULL DEFAULT nextval('ticket_events_id_seq'),
  event_id uuid NOT NULL,
  ticket_id bigint NOT NULL,
  ticket_version bigint NOT NULL,
  type text NOT NULL,
  stream_partition smallint NOT NULL,
  occurred_at timestamptz NOT NULL,
  envelope bytea NOT NULL,                -- serialized hotline.common.v1.EventEnvelope
  published_at timestamptz,
  PRIMARY KEY (occurred_at, id)
) PARTITION BY RANGE (occurred_at);
ALTER SEQUENCE ticket_events_id_seq OWNED BY ticket_events.id;
CREATE TABLE ticket_events_default PARTITION OF ticket_events DEFAULT;
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, ticket_version);
-- What the relay reads: small, because published rows leave it.
CREATE INDEX ticket_events_unpublished ON ticket_events (stream_partition, id)
  WHERE published_at IS NULL;
SELECT hotline_ensure_monthly_partitions('ticket_events', 3);

-- The event stream's shape is one fact for the whole instance: every writer and relay must agree
-- on the partition count, or per-ticket order breaks.
CREATE TABLE event_stream_config (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  partitions smallint NOT NULL CHECK (partitions BETWEEN 1 AND 1024)
);
INSERT INTO event_stream_config (partitions) VALUES (8);

-- Ticket numbers restart every service day: one sequence per day, created on first use (or ahead
-- of time by maintenance), so numbering takes no row lock and never serialises submissions.
CREATE FUNCTION hotline_next_ticket_sequence(service_day date) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  seq text := 'ticket_number_seq_' || to_char(service_day, 'YYYYMMDD');
BEGIN
  IF to_regclass(seq) IS NULL THEN
    BEGIN
      EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', seq);
    EXCEPTION WHEN unique_violation OR duplicate_table THEN
      NULL;  -- a concurrent first ticket of the day created it
    END;
  END IF;
  RETURN nextval(seq::regclass);
END $$;

-- Consumers record each event they have handled, in the transaction that handled it, so a
-- redelivered event changes nothing. Rows older than the stream's retention can be deleted.
CREATE TABLE consumed_events (
  consumer_group text NOT NULL,
  event_id uuid NOT NULL,
  consumed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);
CREATE INDEX consumed_events_age ON consumed_events (consumed_at);
