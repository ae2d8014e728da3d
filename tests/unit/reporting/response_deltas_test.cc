// routing.caller_contacted → first contacts and those within the catalogue's limit (响应率): the
// limit by urgency and line, counted for the contacting unit on the contact's day.
#include <catch2/catch.hpp>

#include "tests/unit/reporting/ledger.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;

constexpr char kUnit[] = "530102-education";

// A ticket of `line` dispatched to kUnit, then contacted `after` the dispatch.
Ledger Contacted(absl::Duration after, int urgency = common::URGENCY_NORMAL,
                 int line = common::SOURCE_LINE_12345) {
  Ledger ledger;
  EventScript s(1, At(2027, 2, 3, 9, 0));
  REQUIRE(ledger.Apply(s.Created("530102", "education/fees", false, 1, line)));
  REQUIRE(ledger.Apply(s.Dispatched(kUnit, 11)));
  s.Advance(after);
  REQUIRE(ledger.Apply(s.CallerContacted(kUnit, 11, after, urgency)));
  return ledger;
}

TEST_CASE("A first contact within 24 natural hours is in time, a later one is not") {
  const Ledger in_time = Contacted(absl::Hours(24));
  CHECK(in_time.Unit(Counter::kFirstContacts, kUnit) == 1);
  CHECK(in_time.Unit(Counter::kFirstContactsInTime, kUnit) == 1);
  CHECK(in_time.Day(Counter::kFirstContacts, "2027-02-04") == 1);

  const Ledger late = Contacted(absl::Hours(24) + absl::Minutes(1));
  CHECK(late[Counter::kFirstContacts] == 1);
  CHECK(late[Counter::kFirstContactsInTime] == 0);
}

TEST_CASE("Urgent tickets and the 12349 line have the shorter limit") {
  CHECK(Contacted(absl::Hours(2), common::URGENCY_URGENT)[Counter::kFirstContactsInTime] == 1);
  CHECK(Contacted(absl::Hours(3), common::URGENCY_URGENT)[Counter::kFirstContactsInTime] == 0);
  CHECK(Contacted(absl::Hours(3), common::URGENCY_EXTRA_URGENT)[Counter::kFirstContactsInTime] ==
        0);
  const Ledger child = Contacted(absl::Hours(3), common::URGENCY_NORMAL, common::SOURCE_LINE_12349);
  CHECK(child[Counter::kFirstContacts] == 1);
  CHECK(child[Counter::kFirstContactsInTime] == 0);
}

TEST_CASE("The limits are the catalogue's: the shortest that applies") {
  ResponseLimits limits;
  limits.normal = absl::Hours(48);
  limits.urgent = absl::Hours(4);
  limits.child_protection = absl::Hours(1);
  CHECK(ResponseLimitFor(limits, common::URGENCY_NORMAL, common::SOURCE_LINE_12345) ==
        absl::Hours(48));
  CHECK(ResponseLimitFor(limits, common::URGENCY_URGENT, common::SOURCE_LINE_12345) ==
        absl::Hours(4));
  CHECK(ResponseLimitFor(limits, common::URGENCY_URGENT, common::SOURCE_LINE_12349) ==
        absl::Hours(1));
  CHECK(ResponseLimitFor(limits, common::URGENCY_NORMAL, common::SOURCE_LINE_12349) ==
        absl::Hours(1));
}

TEST_CASE("A redelivered contact counts once") {
  Ledger ledger;
  EventScript s(1, At(2027, 2, 3, 9, 0));
  REQUIRE(ledger.Apply(s.Created("530102", "education/fees")));
  REQUIRE(ledger.Apply(s.Dispatched(kUnit, 11)));
  s.Advance(absl::Hours(1));
  const common::EventEnvelope contact = s.CallerContacted(kUnit, 11, absl::Hours(1));
  REQUIRE(ledger.Apply(contact));
  CHECK_FALSE(ledger.Apply(contact));
  CHECK(ledger[Counter::kFirstContacts] == 1);
  CHECK(ledger[Counter::kFirstContactsInTime] == 1);
}

}  // namespace
}  // namespace hotline::reporting
