-- Provincial transfer: the instances this one exchanges tickets with (peers), which prefectures
-- run an instance of their own, and the audit of every change to them. Owned by the transfer
-- service. The view transfer_delegated_regions at the end is the one contract other services
-- may read (routing does); the tables behind it may change.

CREATE TABLE transfer_peers (
  instance_code text PRIMARY KEY CHECK (instance_code ~ '^[A-Za-z0-9-]{1,32}$'),
  role smallint NOT NULL CHECK (role BETWEEN 1 AND 4),  -- hotline.transfer.v1.InstanceRole
  region_prefixes text[] NOT NULL DEFAULT '{}',
  category_prefixes text[] NOT NULL DEFAULT '{}',
  address text NOT NULL,
  certificate_identity text NOT NULL UNIQUE,
  initial_backoff_ms bigint NOT NULL CHECK (initial_backoff_ms > 0),
  max_backoff_ms bigint NOT NULL CHECK (max_backoff_ms >= initial_backoff_ms),
  max_attempts integer NOT NULL CHECK (max_attempts >= 0),
  max_in_flight integer NOT NULL CHECK (max_in_flight BETWEEN 1 AND 1024),
  breaker_failures integer NOT NULL CHECK (breaker_failures >= 1),
  breaker_open_ms bigint NOT NULL CHECK (breaker_open_ms > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE transfer_prefectures (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
  own_instance boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Who changed the topology, when, and how (every admin action).
CREATE TABLE transfer_topology_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  principal text NOT NULL,
  action text NOT NULL,   -- "upsert_peer", "remove_peer", "set_prefecture", "reload_seed"
  subject text NOT NULL   -- the instance or prefecture code
);

-- The published contract: the places this instance must not dispatch itself because a
-- prefecture instance serves them. A row per jurisdiction prefix of a prefecture peer whose
-- prefecture is marked as running its own instance. Routing reads it (read-only).
CREATE VIEW transfer_delegated_regions AS
SELECT DISTINCT r.region_prefix, p.instance_code
FROM transfer_peers p
CROSS JOIN LATERAL unnest(p.region_prefixes) AS r (region_prefix)
JOIN transfer_prefectures f ON f.code = left(r.region_prefix, 4) AND f.own_instance
WHERE p.role = 2 AND length(r.region_prefix) >= 4;
