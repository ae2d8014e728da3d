-- Reports frozen once their period was reported (the monthly minors' report): the rows as
-- produced, so that a submitted report is reproduced byte for byte whatever events come later.
CREATE TABLE reporting_frozen_reports (
  report text NOT NULL,          -- 'minors-monthly'
  period_start date NOT NULL,    -- the month's first day
  region_prefix text NOT NULL,   -- canonical division code, '' = nationwide
  catalogue_version integer NOT NULL,
  suppression_threshold integer NOT NULL,
  digest text NOT NULL,          -- SHA-256 hex of the rows' CSV form
  frozen_at timestamptz NOT NULL,
  PRIMARY KEY (report, period_start, region_prefix)
);

CREATE TABLE reporting_frozen_rows (
  report text NOT NULL,
  period_start date NOT NULL,
  region_prefix text NOT NULL,
  position integer NOT NULL,
  section text NOT NULL,
  key text NOT NULL,
  code text NOT NULL,
  kind smallint NOT NULL,
  numerator bigint NOT NULL,
  denominator bigint NOT NULL,
  value double precision,        -- NULL: undefined or suppressed
  suppressed boolean NOT NULL,
  PRIMARY KEY (report, period_start, region_prefix, position),
  FOREIGN KEY (report, period_start, region_prefix)
    REFERENCES reporting_frozen_reports (report, period_start, region_prefix)
);
