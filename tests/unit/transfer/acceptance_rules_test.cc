// How soon a forwarded ticket must be accepted at the other end: shorter for urgent matters and
// for children.
#include "services/provincial-transfer/rules/acceptance_rules.h"

#include <catch2/catch.hpp>

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;

common::Ticket Plain() {
  common::Ticket t;
  t.set_source_line(common::SOURCE_LINE_12345);
  t.set_urgency(common::URGENCY_NORMAL);
  t.set_category("urban/water-supply");
  return t;
}

TEST_CASE("A ticket's acceptance tier follows its line, flags, category and urgency",
          "[acceptance]") {
  CHECK(TierOf(Plain()) == AcceptanceTier::kStandard);

  common::Ticket urgent = Plain();
  urgent.set_urgency(common::URGENCY_URGENT);
  CHECK(TierOf(urgent) == AcceptanceTier::kUrgent);
  urgent.set_urgency(common::URGENCY_EXTRA_URGENT);
  CHECK(TierOf(urgent) == AcceptanceTier::kUrgent);
  common::Ticket emergency = Plain();
  emergency.mutable_flags()->set_emergency(true);
  CHECK(TierOf(emergency) == AcceptanceTier::kUrgent);

  common::Ticket line_12349 = Plain();
  line_12349.set_source_line(common::SOURCE_LINE_12349);
  CHECK(TierOf(line_12349) == AcceptanceTier::kChildProtection);
  common::Ticket minor = Plain();
  minor.mutable_flags()->set_involves_minor(true);
  CHECK(TierOf(minor) == AcceptanceTier::kChildProtection);
  common::Ticket category = Plain();
  category.set_category("minor-protection/abuse");
  CHECK(TierOf(category) == AcceptanceTier::kChildProtection);
  // A child in an urgent matter: the child-protection limit.
  minor.set_urgency(common::URGENCY_EXTRA_URGENT);
  CHECK(TierOf(minor) == AcceptanceTier::kChildProtection);
}

TEST_CASE("Each tier has its own configured limit", "[acceptance]") {
  const AcceptanceLimits limits{absl::Hours(4), absl::Minutes(20), absl::Minutes(10)};
  CHECK(AcceptanceLimit(AcceptanceTier::kStandard, limits) == absl::Hours(4));
  CHECK(AcceptanceLimit(AcceptanceTier::kUrgent, limits) == absl::Minutes(20));
  CHECK(AcceptanceLimit(AcceptanceTier::kChildProtection, limits) == absl::Minutes(10));
  const AcceptanceLimits defaults;
  CHECK(defaults.urgent < defaults.standard);
  CHECK(defaults.child_protection < defaults.standard);
  CHECK(TierName(AcceptanceTier::kChildProtection) == "child_protection");
  CHECK(TierName(AcceptanceTier::kUrgent) == "urgent");
  CHECK(TierName(AcceptanceTier::kStandard) == "standard");
}

}  // namespace
}  // namespace hotline::transfer
