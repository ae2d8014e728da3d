#pragma once

#include <string>

#include "absl/time/time.h"
#include "hotline/common/v1/ticket.pb.h"

namespace hotline::transfer {

// How soon a forwarded ticket must be accepted (签收) at the receiving instance before the sender
// raises transfer.unacknowledged: shorter for urgent matters and for children.
enum class AcceptanceTier { kStandard, kUrgent, kChildProtection };

struct AcceptanceLimits {
  absl::Duration standard = absl::Hours(2);
  absl::Duration urgent = absl::Minutes(30);
  absl::Duration child_protection = absl::Minutes(30);
};

// Child protection: the 12349 line, a minor involved, or a minor-protection category; urgent:
// urgent or extra urgent, or an emergency. Child protection wins over urgency.
AcceptanceTier TierOf(const hotline::common::v1::Ticket& ticket);
absl::Duration AcceptanceLimit(AcceptanceTier tier, const AcceptanceLimits& limits);
// "standard", "urgent", "child_protection": what the watch row and the event carry.
std::string TierName(AcceptanceTier tier);

}  // namespace hotline::transfer
