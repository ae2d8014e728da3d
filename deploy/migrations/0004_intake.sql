-- Intake's own tables: category catalogue, acceptance-scope rules, idempotency, emergency
-- referrals, supplements, duplicate links, the knowledge base and the audit of unmasked reads.

CREATE TABLE intake_categories (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]+(/[a-z0-9-]+)*$'),
  name text NOT NULL,
  minor_protection boolean NOT NULL DEFAULT false,
  child_protection_emergency boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Tried by ascending priority; the first rule whose every condition holds decides.
CREATE TABLE intake_scope_rules (
  reason_code text PRIMARY KEY,
  priority integer NOT NULL,
  decision smallint NOT NULL CHECK (decision BETWEEN 1 AND 4),  -- hotline.intake.v1.ScopeDecision
  reason text NOT NULL,
  category_prefixes text[] NOT NULL DEFAULT '{}',
  kinds smallint[] NOT NULL DEFAULT '{}',
  keywords text[] NOT NULL DEFAULT '{}',
  requires_minor boolean NOT NULL DEFAULT false,
  requires_emergency_flag boolean NOT NULL DEFAULT false,
  referral_lines smallint[] NOT NULL DEFAULT '{}',               -- hotline.intake.v1.EmergencyLine
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per idempotency key: what was asked (fingerprint) and what was answered.
CREATE TABLE intake_requests (
  idempotency_key text PRIMARY KEY,
  fingerprint text NOT NULL,
  ticket_id bigint,
  response bytea,                 -- serialized SubmitTicketResponse
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE intake_emergency_referrals (
  ticket_id bigint NOT NULL,
  line smallint NOT NULL,
  referred_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, line)
);

CREATE TABLE intake_supplements (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id bigint NOT NULL,
  content text NOT NULL,
  attachments bytea,
  added_at timestamptz NOT NULL,
  added_by text NOT NULL
);
CREATE INDEX intake_supplements_ticket ON intake_supplements (ticket_id, id);

CREATE TABLE intake_duplicate_links (
  ticket_id bigint PRIMARY KEY,
  earlier_ticket_id bigint NOT NULL,
  basis text NOT NULL CHECK (basis IN ('same_caller', 'same_place', 'manual')),
  similarity real NOT NULL,
  state smallint NOT NULL DEFAULT 1,  -- hotline.intake.v1.DuplicateLinkState
  linked_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by text
);
CREATE INDEX intake_duplicate_links_state ON intake_duplicate_links (state, linked_at);

-- Duplicate look-ups read recent tickets by caller and by place.
CREATE INDEX tickets_caller_phone_recent ON tickets (caller_phone, created_at)
  WHERE caller_phone <> '';
CREATE INDEX tickets_region_recent ON tickets (region_code, created_at);

-- Knowledge base: every version kept; the current one has superseded_at NULL.
CREATE TABLE intake_knowledge_articles (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_key text NOT NULL,
  version integer NOT NULL,
  kind smallint NOT NULL CHECK (kind BETWEEN 1 AND 3),     -- hotline.intake.v1.ArticleKind
  title text NOT NULL,
  question text NOT NULL DEFAULT '',
  body text NOT NULL,
  category_prefix text NOT NULL DEFAULT '',
  region_prefix text NOT NULL DEFAULT '',
  valid_from timestamptz NOT NULL,
  valid_until timestamptz,
  retired_at timestamptz,
  superseded_at timestamptz,
  -- Search terms: character bigrams of the Chinese text and whole ASCII words (text_terms.h).
  terms text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  UNIQUE (article_key, version)
);
CREATE INDEX intake_knowledge_current_terms ON intake_knowledge_articles USING gin (terms)
  WHERE superseded_at IS NULL AND retired_at IS NULL;

-- Who saw a ticket's personal data unmasked, and when. Grows without bound: monthly partitions.
CREATE TABLE intake_audit_reads (
  read_at timestamptz NOT NULL,
  ticket_id bigint NOT NULL,
  principal text NOT NULL,
  role smallint NOT NULL,
  method text NOT NULL
) PARTITION BY RANGE (read_at);
CREATE TABLE intake_audit_reads_default PARTITION OF intake_audit_reads DEFAULT;
CREATE INDEX intake_audit_reads_ticket ON intake_audit_reads (ticket_id, read_at);
INSERT INTO hotline_partitioned_tables VALUES ('intake_audit_reads');
SELECT hotline_ensure_monthly_partitions('intake_audit_reads', 3);
