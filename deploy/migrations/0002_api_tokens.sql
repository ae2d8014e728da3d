-- Bearer tokens for every RPC. Only a SHA-256 of each token is stored.
CREATE TABLE api_tokens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,                     -- the credential's name: a console, a unit, a peer
  token_sha256 text NOT NULL UNIQUE,      -- lower-case hex
  role smallint NOT NULL CHECK (role BETWEEN 1 AND 6),  -- hotline.common.v1.Role
  jurisdiction text NOT NULL DEFAULT '' CHECK (jurisdiction ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})?$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz
);
-- A name is reusable once its token is revoked.
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_at IS NULL;
