-- Catalogue version 2 (from 2027-01-01): version 1's indicators unchanged, and provincial
-- transfer's own events counted beside routing's hand-over. Reports of periods ending before
-- 2027 keep using version 1, so what was handed over can still be reproduced.
INSERT INTO reporting_catalogue_versions (version, effective_from, calendar, note)
VALUES (2, DATE '2027-01-01', 'standard',
        'Version 1 and provincial transfer''s events: forwarded, received, remote progress, sent to the office');

INSERT INTO reporting_indicators (version, code, position, name, kind, numerator, denominator,
  parameter, unit, time_base, attribution, exclusions, formula)
SELECT 2, code, position, name, kind, numerator, denominator, parameter, unit, time_base,
  attribution, exclusions, formula
FROM reporting_indicators WHERE version = 1;

INSERT INTO reporting_indicators (version, code, position, name, kind, numerator, denominator,
  parameter, unit, time_base, attribution, exclusions, formula)
SELECT 2, v.code, (SELECT max(position) FROM reporting_indicators WHERE version = 1) + v.n,
  v.name, 1, v.numerator, '{}', 0, 'tickets', 'natural', v.attribution, v.exclusions, v.formula
FROM (VALUES
  (1, 'transfer_forwarded', '转办发送量', '{transfer_forwarded}'::text[],
   'region of the matter; broken down by destination instance',
   '',
   'Tickets provincial transfer sent on to another instance or a provincial department (transfer.forwarded), per destination.'),
  (2, 'transfer_received', '转办接收量', '{transfer_received}'::text[],
   'region of the matter; broken down by origin instance',
   '',
   'Tickets created here from another instance''s ticket (transfer.received), per origin; the same tickets as transferred_in, as provincial transfer records them.'),
  (3, 'transfer_remote_updates', '转办回传量', '{transfer_remote_updates}'::text[],
   'region of the matter; broken down by the change (accepted, dispatched, replied, closed, followed_up, returned)',
   '',
   'Progress the receiving instance reported back for tickets sent on (transfer.remote_update), per kind of change.'),
  (4, 'transfer_manual_dispatch', '转办转人工量', '{transfer_manual_dispatch}'::text[],
   'region of the matter; broken down by reason code',
   '',
   'Tickets provincial transfer could not send on and gave to the hotline office to dispatch by hand (transfer.needs_manual_dispatch), per reason.')
) AS v (n, code, name, numerator, attribution, exclusions, formula);
