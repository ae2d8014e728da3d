-- Reporting: counts per local day and dimension cell, one small row of codes per ticket, and the
-- indicator catalogue. Owned by the reporting service; nothing here holds personal data or text.

-- What reporting knows of a ticket between its events: the dimensions it is counted under and
-- the few facts later events are judged against (ids, codes, states, times in Unix microseconds).
-- last_version: the ticket version of the last event applied; an older or equal one changes
-- nothing (a replica that lags, a rebuild that meets the live stream).
CREATE TABLE reporting_tickets (
  ticket_id bigint PRIMARY KEY,
  last_version bigint NOT NULL,
  region_code text NOT NULL,
  unit_id text NOT NULL DEFAULT '',
  category text NOT NULL,
  kind smallint NOT NULL,
  channel smallint NOT NULL,
  line smallint NOT NULL,
  involves_minor boolean NOT NULL,
  state smallint NOT NULL,
  counted_open boolean NOT NULL,
  dispatched boolean NOT NULL DEFAULT false,
  lead_assignment_id bigint NOT NULL DEFAULT 0,
  sign_due_us bigint,
  sign_late boolean NOT NULL DEFAULT false,
  handling_started_us bigint,
  handling_due_us bigint,
  handling_late boolean NOT NULL DEFAULT false,
  replied_us bigint
);

-- Counter deltas summed per local day (Asia/Shanghai) and cell. region_code is the matter's full
-- canonical code, stored once per cell: a tier's figure is the sum over a code prefix.
-- counter: the numbers of services/reporting/rules/counters.h; detail: a reason code for
-- not_accepted, a bucket number for the handling-time histogram, '' otherwise.
CREATE TABLE reporting_counts (
  day date NOT NULL,
  region_code text NOT NULL,
  unit_id text NOT NULL,
  category text NOT NULL,
  kind smallint NOT NULL,
  channel smallint NOT NULL,
  line smallint NOT NULL,
  involves_minor boolean NOT NULL,
  counter smallint NOT NULL,
  detail text NOT NULL DEFAULT '',
  amount bigint NOT NULL,
  PRIMARY KEY (day, region_code, unit_id, category, kind, channel, line, involves_minor, counter,
               detail)
);
CREATE INDEX reporting_counts_region_day ON reporting_counts (region_code text_pattern_ops, day);

-- Business calendars for working-time indicators, kept with the catalogue so that a catalogue
-- version's figures do not change when another service edits its own calendars.
CREATE TABLE reporting_calendars (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  body text NOT NULL
);

-- A catalogue version applies to periods ending on or after effective_from, until the next one.
CREATE TABLE reporting_catalogue_versions (
  version integer PRIMARY KEY CHECK (version > 0),
  effective_from date NOT NULL UNIQUE,
  calendar text NOT NULL REFERENCES reporting_calendars (code),
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One indicator of a version. numerator / denominator: counter names (rules/counters.h) summed.
-- kind: hotline.reporting.v1.IndicatorKind. parameter: the quantile of a PERCENTILE.
CREATE TABLE reporting_indicators (
  version integer NOT NULL REFERENCES reporting_catalogue_versions (version),
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,63}$'),
  position integer NOT NULL,
  name text NOT NULL,
  kind smallint NOT NULL CHECK (kind BETWEEN 1 AND 5),
  numerator text[] NOT NULL,
  denominator text[] NOT NULL DEFAULT '{}',
  parameter double precision NOT NULL DEFAULT 0,
  unit text NOT NULL,
  time_base text NOT NULL CHECK (time_base IN ('natural', 'working')),
  attribution text NOT NULL,
  exclusions text NOT NULL DEFAULT '',
  formula text NOT NULL,
  PRIMARY KEY (version, code),
  UNIQUE (version, position)
);
