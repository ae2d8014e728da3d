-- 响应率: the lead unit's first contact with the caller within a limit from the dispatch.
-- The limits are catalogue data, per version, in natural minutes: 24 hours by default, 2 hours for
-- urgent (紧急, 特急) tickets and for the 12349 child-protection line. DATA TO VERIFY against the
-- province's own 12345 rules before use: operators change them by adding a version.
ALTER TABLE reporting_catalogue_versions
  ADD COLUMN response_limit_minutes integer NOT NULL DEFAULT 1440
    CHECK (response_limit_minutes > 0),
  ADD COLUMN response_limit_urgent_minutes integer NOT NULL DEFAULT 120
    CHECK (response_limit_urgent_minutes > 0),
  ADD COLUMN response_limit_child_minutes integer NOT NULL DEFAULT 120
    CHECK (response_limit_child_minutes > 0);

-- Catalogue version 3 (from 2027-02-01, like version 2 the first day of a month still to come,
-- so periods already reported keep their version): version 2's indicators and response_rate.
INSERT INTO reporting_catalogue_versions (version, effective_from, calendar, note)
VALUES (3, DATE '2027-02-01', 'standard', 'Version 2 and 响应率 (response_rate)');

INSERT INTO reporting_indicators (version, code, position, name, kind, numerator, denominator,
  parameter, unit, time_base, attribution, exclusions, formula)
SELECT 3, code, position, name, kind, numerator, denominator, parameter, unit, time_base,
  attribution, exclusions, formula
FROM reporting_indicators WHERE version = 2;

INSERT INTO reporting_indicators (version, code, position, name, kind, numerator, denominator,
  parameter, unit, time_base, attribution, exclusions, formula)
VALUES (3, 'response_rate',
  (SELECT max(position) FROM reporting_indicators WHERE version = 2) + 1,
  '响应率', 2, '{first_contacts_in_time}', '{first_contacts}', 0, 'ratio', 'natural',
  'the lead unit that contacted the caller; the day of the contact',
  'co-handlers; contacts after the first of an assignment',
  'First contacts with the caller (routing.caller_contacted, one per lead assignment) within the catalogue version''s limit from the assignment''s dispatch — 24 natural hours, 2 for urgent tickets and the 12349 line by default — divided by all first contacts.');
