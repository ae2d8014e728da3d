#pragma once

#include <pqxx/transaction>
#include <string>

#include "absl/status/statusor.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/service/token_auth.h"
#include "services/deadline-supervision/supervision_context.h"

namespace hotline::supervision {

// Who may act on a ticket's deadlines:
//   the hotline office (SUPERVISOR) within its jurisdiction;
//   a UNIT whose clock the ticket has (for unit actions: the lead, whose handling clock it is);
//   FRONTEND, ADMIN, PROVINCE may read within their jurisdiction.
enum class Need { kRead, kOffice, kLeadUnit, kOfficeOrLeadUnit };

// The ticket `number` if `caller` may do what `need` says; NOT_FOUND / PERMISSION_DENIED.
absl::StatusOr<hotline::common::v1::Ticket> TicketFor(pqxx::work& tx, const SupervisionContext& ctx,
                                                      const service::Principal& caller,
                                                      const std::string& number, Need need);

}  // namespace hotline::supervision
