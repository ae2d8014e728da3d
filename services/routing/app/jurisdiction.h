#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"

namespace hotline::routing {

// PERMISSION_DENIED unless `region_code` lies within `jurisdiction` (a region prefix).
absl::Status RequireWithin(const std::string& jurisdiction, const std::string& region_code,
                           const std::string& what);

// The ticket `number` for the hotline office of `jurisdiction`; the same NOT_FOUND whether there
// is none or its place is outside the jurisdiction (service::WithinReach).
absl::StatusOr<hotline::common::v1::Ticket> TicketWithin(const ticketstore::TicketStore& tickets,
                                                         Transaction& tx,
                                                         const std::string& jurisdiction,
                                                         const std::string& number);

}  // namespace hotline::routing
