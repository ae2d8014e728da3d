#include "libs/service/token_auth.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <pqxx/nontransaction>
#include <pqxx/result>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "libs/pg/pg_error.h"

namespace hotline::service {

namespace v1 = hotline::common::v1;

namespace {

constexpr char kSelectToken[] = R"sql(
SELECT name, role, jurisdiction FROM api_tokens
WHERE token_sha256 = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()))sql";

// The SHA-256 of the bearer token in `header`, or why there is none.
absl::StatusOr<std::string> TokenHashOf(std::string_view header) {
  absl::string_view value(header.data(), header.size());
  if (value.empty()) return absl::UnauthenticatedError("missing authorization: Bearer <token>");
  if (!absl::ConsumePrefix(&value, "Bearer ") && !absl::ConsumePrefix(&value, "bearer ")) {
    return absl::UnauthenticatedError("authorization must be 'Bearer <token>'");
  }
  value = absl::StripAsciiWhitespace(value);
  if (value.empty() || value.size() > 512) {
    return absl::UnauthenticatedError("malformed bearer token");
  }
  return Sha256Hex(std::string_view(value.data(), value.size()));
}

}  // namespace

v1::Actor Principal::ToActor() const {
  v1::Actor actor;
  actor.set_role(role);
  actor.set_principal(name);
  actor.set_jurisdiction(jurisdiction);
  return actor;
}

std::string Sha256Hex(std::string_view text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

std::string NewToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) std::abort();  // no entropy: nothing safe to do
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(bytes), 32));
}

TokenAuthenticator::TokenAuthenticator(pg::PgPool& pool, absl::Duration cache_ttl,
                                       const Clock& clock, TokenCache::Limits cache_limits)
    : pool_(pool), clock_(clock), cache_(cache_ttl, cache_limits) {}

std::optional<absl::StatusOr<Principal>> TokenAuthenticator::AuthenticateCached(
    std::string_view header) {
  absl::StatusOr<std::string> hash = TokenHashOf(header);
  if (!hash.ok()) return hash.status();
  return cache_.Find(*hash, clock_.Now());
}

absl::StatusOr<Principal> TokenAuthenticator::Authenticate(std::string_view header) {
  absl::StatusOr<std::string> hash = TokenHashOf(header);
  if (!hash.ok()) return hash.status();
  const absl::Time now = clock_.Now();
  if (auto cached = cache_.Find(*hash, now)) return *std::move(cached);
  absl::StatusOr<Principal> result = Lookup(*hash);
  // An outage (UNAVAILABLE) is not remembered: the next call tries again.
  if (result.ok() || absl::IsUnauthenticated(result.status())) cache_.Put(*hash, result, now);
  return result;
}

absl::StatusOr<Principal> TokenAuthenticator::Lookup(const std::string& token_hash) {
  auto lease = pool_.Acquire();
  if (!lease.ok()) return absl::UnavailableError("cannot check credentials right now");
  try {
    pqxx::nontransaction tx(**lease);
    const pqxx::result rows = tx.exec_params(kSelectToken, token_hash);
    if (rows.empty()) return absl::UnauthenticatedError("unknown, expired or revoked token");
    Principal p;
    p.name = rows[0][0].as<std::string>();
    p.role = static_cast<v1::Role>(rows[0][1].as<int>());
    p.jurisdiction = rows[0][2].as<std::string>();
    return p;
  } catch (const std::exception& e) {
    lease->Discard();
    absl::Status status = pg::StatusFromException(e);
    return absl::UnavailableError(
        absl::StrCat("cannot check credentials right now: ", status.message()));
  }
}

}  // namespace hotline::service
