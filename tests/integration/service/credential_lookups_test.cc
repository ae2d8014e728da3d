#include "libs/service/credential_lookups.h"

#include <catch2/catch.hpp>
#include <pqxx/nontransaction>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "libs/common/clock.h"
#include "libs/pg/pg_pool.h"
#include "tests/support/scratch_database.h"

namespace hotline::service {
namespace {

namespace v1 = hotline::common::v1;

// A migrated scratch database holding one live token for a unit of Wuhua district.
struct Tokens {
  Tokens() {
    pqxx::nontransaction(**pg::OpenConnection(db.url()))
        .exec_params(
            "INSERT INTO api_tokens (name, token_sha256, role, jurisdiction) "
            "VALUES ('wuhua-housing', $1, $2, '530102')",
            Sha256Hex(token), static_cast<int>(v1::ROLE_UNIT));
  }
  testing::ScratchDatabase db;
  pg::PgPool pool{pg::PgPoolOptions{.url = db.url(), .size = 1}};
  TokenAuthenticator authenticator{pool, absl::Minutes(1), SystemClock::Get()};
  const std::string token = NewToken();
  const std::string header = "Bearer " + token;
};

// `done` for CredentialLookups that keeps the answer and says when it came.
struct Answer {
  CredentialLookups::Done Done() {
    return [this](absl::StatusOr<Principal> caller) {
      result = std::move(caller);
      came.Notify();
    };
  }
  absl::StatusOr<Principal> result = absl::UnknownError("no answer");
  absl::Notification came;
};

TEST_CASE("the cache answers without a query, or says a query is needed", "[service][auth]") {
  Tokens t;
  auto malformed = t.authenticator.AuthenticateCached("Basic abc");
  REQUIRE(malformed.has_value());
  CHECK(absl::IsUnauthenticated(malformed->status()));

  CHECK_FALSE(t.authenticator.AuthenticateCached(t.header).has_value());
  CHECK_FALSE(t.authenticator.AuthenticateCached("Bearer no-such-token").has_value());

  REQUIRE(t.authenticator.Authenticate(t.header).ok());
  CHECK(absl::IsUnauthenticated(t.authenticator.Authenticate("Bearer no-such-token").status()));
  auto known = t.authenticator.AuthenticateCached(t.header);
  REQUIRE(known.has_value());
  REQUIRE(known->ok());
  CHECK((*known)->name == "wuhua-housing");
  auto unknown = t.authenticator.AuthenticateCached("Bearer no-such-token");
  REQUIRE(unknown.has_value());
  CHECK(absl::IsUnauthenticated(unknown->status()));
}

TEST_CASE("tokens are looked up on the lookup thread", "[service][auth]") {
  Tokens t;
  CredentialLookups lookups(t.authenticator);
  Answer good, bad;
  lookups.Authenticate(t.header, good.Done());
  lookups.Authenticate("Bearer no-such-token", bad.Done());
  REQUIRE(good.came.WaitForNotificationWithTimeout(absl::Seconds(10)));
  REQUIRE(bad.came.WaitForNotificationWithTimeout(absl::Seconds(10)));
  REQUIRE(good.result.ok());
  CHECK(good.result->role == v1::ROLE_UNIT);
  CHECK(good.result->jurisdiction == "530102");
  CHECK(absl::IsUnauthenticated(bad.result.status()));
  // Both answers are cached now: the callback path no longer needs the thread.
  CHECK(t.authenticator.AuthenticateCached(t.header).has_value());
  CHECK(t.authenticator.AuthenticateCached("Bearer no-such-token").has_value());
}

TEST_CASE("checks beyond the queue's bound are refused at once, the queued ones answered",
          "[service][auth]") {
  Tokens t;
  auto lookups = std::make_unique<CredentialLookups>(t.authenticator, /*registry=*/nullptr,
                                                     /*max_pending=*/1);
  // The lookup thread is held inside the first answer, so the queue stays as the test fills it.
  absl::Notification inside, release;
  lookups->Authenticate("Basic held", [&](absl::StatusOr<Principal>) {
    inside.Notify();
    release.WaitForNotification();
  });
  REQUIRE(inside.WaitForNotificationWithTimeout(absl::Seconds(10)));

  Answer queued, refused;
  lookups->Authenticate(t.header, queued.Done());
  lookups->Authenticate(t.header, refused.Done());
  REQUIRE(refused.came.HasBeenNotified());  // answered in the calling thread
  CHECK(absl::IsUnavailable(refused.result.status()));
  CHECK_FALSE(queued.came.HasBeenNotified());

  release.Notify();
  lookups.reset();  // stopping answers what is queued
  REQUIRE(queued.came.HasBeenNotified());
  REQUIRE(queued.result.ok());
  CHECK(queued.result->name == "wuhua-housing");
}

}  // namespace
}  // namespace hotline::service
