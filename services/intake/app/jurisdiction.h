#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"

namespace hotline::intake {

// The ticket `number` if its region lies within `jurisdiction` (the caller's scope), locked by
// nothing: NOT_FOUND, PERMISSION_DENIED (outside the jurisdiction, or a region nobody's
// jurisdiction can hold) or the ticket.
absl::StatusOr<hotline::common::v1::Ticket> TicketInJurisdiction(
    Transaction& tx, const ticketstore::TicketStore& tickets, const std::string& jurisdiction,
    const std::string& number);

}  // namespace hotline::intake
