-- Provincial transfer's monthly minor-protection figures (seed 000): figures only, no personal
-- data, so nothing here is sealed.
--
-- 1. A prefecture's pushes to the province, store-and-forward: one row per (month, content),
--    sent in order per month and retried with the peer's backoff until the province answers.
-- 2. The province's copy: one row per revision of a prefecture's month, keyed by its content so
--    that the same figures twice are one row; the highest revision is the current one.

CREATE TABLE transfer_minor_pushes (
  id              BIGSERIAL PRIMARY KEY,
  month           TEXT NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  content_digest  TEXT NOT NULL,
  figures         BYTEA NOT NULL,  -- hotline.transfer.v1.MinorMonthFigures
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts        INT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  revision        INT NOT NULL DEFAULT 0,  -- the province's answer once delivered
  created_at      TIMESTAMPTZ NOT NULL,
  delivered_at    TIMESTAMPTZ,
  UNIQUE (month, content_digest)
);
CREATE INDEX transfer_minor_pushes_pending ON transfer_minor_pushes (id) WHERE state = 'pending';

CREATE TABLE transfer_minor_reports (
  prefecture_code TEXT NOT NULL,
  month           TEXT NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  revision        INT NOT NULL CHECK (revision >= 1),
  content_digest  TEXT NOT NULL,
  figures         BYTEA NOT NULL,  -- hotline.transfer.v1.MinorMonthFigures
  received_at     TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (prefecture_code, month, revision),
  UNIQUE (prefecture_code, month, content_digest)
);
CREATE INDEX transfer_minor_reports_month ON transfer_minor_reports (month);
