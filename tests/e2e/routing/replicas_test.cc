// Several routing replicas on one stream, and directory changes without a restart.
#include <catch2/catch.hpp>
#include <thread>

#include "tests/e2e/routing/routing_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::routing::testing {
namespace {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;
using ::hotline::testing::PollUntil;
using Units = std::vector<std::string>;

TEST_CASE("two routing replicas on one stream dispatch each ticket exactly once", "[routing]") {
  RoutingFixture f(/*replicas=*/2);
  constexpr int kTickets = 120;
  std::vector<std::string> numbers(kTickets);
  std::vector<std::thread> submitters;
  for (int t = 0; t < 4; ++t) {
    submitters.emplace_back([&, t] {
      for (int i = t; i < kTickets; i += 4) {
        numbers[i] = f.Submit(i % 2 ? "education/fees" : "public-utilities/water", "530102001");
      }
    });
  }
  for (std::thread& t : submitters) t.join();
  REQUIRE(PollUntil(
      absl::Seconds(60),
      [&] {
        return f.Count("SELECT count(*) FROM tickets WHERE state = 'DISPATCHED'") == kTickets;
      },
      absl::Milliseconds(100)));
  // Each ticket: one decision, one live lead, one dispatch event — whichever replica took it.
  CHECK(f.Count("SELECT count(*) FROM routing_decisions") == kTickets);
  CHECK(f.Count("SELECT count(DISTINCT ticket_id) FROM routing_assignments WHERE role = 1") ==
        kTickets);
  CHECK(f.Count("SELECT count(*) FROM routing_assignments WHERE role = 1") == kTickets);
  CHECK(f.Count("SELECT count(*) FROM ticket_events WHERE type = 'routing.dispatched'") ==
        kTickets);
  CHECK(f.Count("SELECT count(*) FROM routing_assignments WHERE role = 2") == kTickets / 2);
}

TEST_CASE("directory and catalogue changes reach every replica without a restart", "[routing]") {
  RoutingFixture f(/*replicas=*/2);
  const std::string before = f.Submit("public-utilities/water", "530102");
  f.WaitForState(before, "DISPATCHED");
  CHECK(f.LatestRound(before) == Units{"5301-water-supply:LEAD:DISPATCHED"});

  // Replica 0 learns that in Wuhua water complaints go to the district's urban management.
  v1::UpsertCatalogueRuleRequest upsert;
  v1::CatalogueRule* rule = upsert.mutable_rule();
  rule->set_category_prefix("public-utilities/water");
  rule->set_region_prefix("530102");
  rule->set_tier(common::TIER_COUNTY);
  rule->add_departments("urban-management");
  rule->add_departments("civil-affairs");
  rule->set_priority(100);
  v1::UpsertCatalogueRuleResponse upserted;
  REQUIRE(
      f.routing(0).UpsertCatalogueRule(RoutingFixture::As(f.admin).get(), upsert, &upserted).ok());
  CHECK(upserted.rule().id() > 0);
  // Replica 1 picks it up by polling.
  REQUIRE(PollUntil(absl::Seconds(10), [&] {
    v1::GetDirectoryStatusResponse status;
    return f.routing(1).GetDirectoryStatus(RoutingFixture::As(f.admin).get(), {}, &status).ok() &&
           status.directory_version() >= upserted.directory_version();
  }));
  std::vector<std::string> after;
  for (int i = 0; i < 6; ++i) after.push_back(f.Submit("public-utilities/water", "530102"));
  for (const std::string& number : after) {
    f.WaitForState(number, "DISPATCHED");
    CHECK(f.LatestRound(number) == Units{"530102-urban-management:LEAD:DISPATCHED",
                                         "530102-civil-affairs:CO_HANDLER:DISPATCHED"});
  }

  // A deactivated unit is no longer chosen: the city's civil affairs bureau stands in for the
  // district's.
  v1::DeactivateUnitRequest deactivate;
  deactivate.set_unit_id("530102-civil-affairs");
  v1::DeactivateUnitResponse deactivated;
  REQUIRE(f.routing(1)
              .DeactivateUnit(RoutingFixture::As(f.admin).get(), deactivate, &deactivated)
              .ok());
  REQUIRE(PollUntil(absl::Seconds(10), [&] {
    v1::GetDirectoryStatusResponse status;
    return f.routing(0).GetDirectoryStatus(RoutingFixture::As(f.admin).get(), {}, &status).ok() &&
           status.directory_version() >= deactivated.directory_version();
  }));
  const std::string later = f.Submit("public-utilities/water", "530102");
  f.WaitForState(later, "DISPATCHED");
  CHECK(f.LatestRound(later) == Units{"530102-urban-management:LEAD:DISPATCHED",
                                      "5301-civil-affairs:CO_HANDLER:DISPATCHED"});

  // And a deactivated rule no longer decides.
  v1::DeactivateCatalogueRuleRequest off;
  off.set_rule_id(upserted.rule().id());
  v1::DeactivateCatalogueRuleResponse off_response;
  REQUIRE(f.routing(0)
              .DeactivateCatalogueRule(RoutingFixture::As(f.admin).get(), off, &off_response)
              .ok());
  REQUIRE(PollUntil(absl::Seconds(10), [&] {
    v1::GetDirectoryStatusResponse status;
    return f.routing(1).GetDirectoryStatus(RoutingFixture::As(f.admin).get(), {}, &status).ok() &&
           status.directory_version() >= off_response.directory_version();
  }));
  const std::string last = f.Submit("public-utilities/water", "530102");
  f.WaitForState(last, "DISPATCHED");
  CHECK(f.LatestRound(last) == Units{"5301-water-supply:LEAD:DISPATCHED"});
}

}  // namespace
}  // namespace hotline::routing::testing
