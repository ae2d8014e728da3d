#include "services/provincial-transfer/rules/acceptance_rules.h"

#include "absl/strings/match.h"

namespace hotline::transfer {

namespace common = hotline::common::v1;

AcceptanceTier TierOf(const common::Ticket& ticket) {
  if (ticket.source_line() == common::SOURCE_LINE_12349 || ticket.flags().involves_minor() ||
      absl::StartsWith(ticket.category(), "minor-protection")) {
    return AcceptanceTier::kChildProtection;
  }
  if (ticket.urgency() == common::URGENCY_URGENT ||
      ticket.urgency() == common::URGENCY_EXTRA_URGENT || ticket.flags().emergency()) {
    return AcceptanceTier::kUrgent;
  }
  return AcceptanceTier::kStandard;
}

absl::Duration AcceptanceLimit(AcceptanceTier tier, const AcceptanceLimits& limits) {
  switch (tier) {
    case AcceptanceTier::kChildProtection:
      return limits.child_protection;
    case AcceptanceTier::kUrgent:
      return limits.urgent;
    case AcceptanceTier::kStandard:
      break;
  }
  return limits.standard;
}

std::string TierName(AcceptanceTier tier) {
  switch (tier) {
    case AcceptanceTier::kChildProtection:
      return "child_protection";
    case AcceptanceTier::kUrgent:
      return "urgent";
    case AcceptanceTier::kStandard:
      break;
  }
  return "standard";
}

}  // namespace hotline::transfer
