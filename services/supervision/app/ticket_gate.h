#pragma once

#include <functional>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "hotline/common/v1/ticket.pb.h"
#include "services/supervision/rules/clock_row.h"

namespace hotline::supervision {

// What the caller is to a ticket, as the access table (api/access.h) decided it.
enum class Standing {
  kOffice,    // the hotline office within its jurisdiction
  kLeadUnit,  // the unit whose handling clock the ticket has
  kReader,    // may read the ticket's deadlines, nothing more
};

// The access table's verdict on one ticket for one call: the caller's standing, or
// PERMISSION_DENIED. A use case asks it once it has read the ticket, inside its transaction;
// `clocks` reads the ticket's clocks, for the checks that need them.
using TicketGate = std::function<absl::StatusOr<Standing>(
    const hotline::common::v1::Ticket& ticket, absl::FunctionRef<std::vector<ClockRow>()> clocks)>;

}  // namespace hotline::supervision
