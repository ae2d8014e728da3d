// The suite's services against its PostgreSQL: each logs in as the services' login, which owns
// no table, so no service could switch the audit trail's triggers off or change the schema.
#include <catch2/catch.hpp>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "tests/support/core/scratch_database.h"
#include "tests/support/test_env.h"

namespace hotline::security {
namespace {

using ::hotline::testing::TestEnv;

std::string Query(const std::string& sql) {
  absl::StatusOr<std::string> text = support::QueryOne(TestEnv::Get().PgUrl(), sql);
  INFO(sql << ": " << text.status().ToString());
  REQUIRE(text.ok());
  return *text;
}

TEST_CASE("Every service of the suite logs in as a login that owns no table", "[security]") {
  // application_name is hotline-<service> (its pool) or hotline-relay (its outbox relay).
  const std::string logins = Query(R"sql(
    SELECT coalesce(string_agg(DISTINCT application_name || '=' || usename, ',' ORDER BY
                               application_name || '=' || usename), '')
    FROM pg_stat_activity
    WHERE datname = current_database() AND application_name LIKE 'hotline-%'
      AND application_name NOT IN ('hotline-admin', 'hotline-directory'))sql");
  INFO(logins);
  const std::vector<std::string> pairs = absl::StrSplit(logins, ',', absl::SkipEmpty());
  CHECK(pairs.size() >= 3);  // intake, routing, supervision at least, and the relay
  for (const std::string& pair : pairs) {
    CHECK(absl::EndsWith(pair, "=hotline_app"));
  }
  // It owns nothing and is no member of the owner's role.
  CHECK(Query("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
              "WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = 'hotline_app'") == "0");
  CHECK(Query("SELECT pg_has_role('hotline_app', (SELECT relowner FROM pg_class WHERE oid = "
              "'tickets'::regclass), 'MEMBER')") == "f");
}

}  // namespace
}  // namespace hotline::security
