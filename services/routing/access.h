#pragma once

#include <pqxx/transaction>
#include <string>

#include "absl/status/statusor.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/service/token_auth.h"
#include "libs/ticketstore/pg_ticket_store.h"

namespace hotline::routing {

// The ticket `number` for a hotline-office caller: NOT_FOUND when there is none, PERMISSION_DENIED
// when its place is outside the caller's jurisdiction.
absl::StatusOr<hotline::common::v1::Ticket> TicketForOffice(pqxx::transaction_base& tx,
                                                            const ticketstore::PgTicketStore& tickets,
                                                            const service::Principal& caller,
                                                            const std::string& number);

// PERMISSION_DENIED unless `region_code` lies within the caller's jurisdiction.
absl::Status RequireWithin(const service::Principal& caller, const std::string& region_code,
                           const std::string& what);

}  // namespace hotline::routing
