#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/common/v1/auth.pb.h"
#include "libs/common/clock.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/principal.h"
#include "libs/service/token_cache.h"

namespace hotline::service {

// Checks `authorization: Bearer <token>` against api_tokens (which stores only SHA-256 hashes).
// Results, good and bad, are cached for `cache_ttl`, so revocation takes effect within it and a
// flood of wrong tokens does not become a flood of queries; the cache is bounded (TokenCache),
// and wrong tokens never push out the right ones.
class TokenAuthenticator {
 public:
  TokenAuthenticator(pg::PgPool& pool, absl::Duration cache_ttl, const Clock& clock,
                     TokenCache::Limits cache_limits = {});

  // UNAUTHENTICATED for a missing, malformed, unknown, expired or revoked token;
  // UNAVAILABLE when the token table cannot be read. May query PostgreSQL.
  absl::StatusOr<Principal> Authenticate(std::string_view authorization_header);

  // Authenticate's answer when the header alone or the cache gives it, without waiting for
  // anything; nullopt when only a query can tell.
  std::optional<absl::StatusOr<Principal>> AuthenticateCached(
      std::string_view authorization_header);

 private:
  absl::StatusOr<Principal> Lookup(const std::string& token_hash);

  pg::PgPool& pool_;
  const Clock& clock_;
  TokenCache cache_;
};

// Lower-case hex SHA-256, as api_tokens.token_sha256 stores it.
std::string Sha256Hex(std::string_view text);
// A new random token: 32 bytes from the system's CSPRNG, hex-encoded.
std::string NewToken();

}  // namespace hotline::service
