#include "services/deadline-supervision/supervision_access.h"

#include "libs/domain/region_code.h"
#include "services/deadline-supervision/clock_store.h"

namespace hotline::supervision {
namespace {

namespace common = hotline::common::v1;

bool Within(const service::Principal& caller, const common::Ticket& ticket) {
  absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(ticket.region().code());
  return region.ok() && domain::InJurisdiction(caller.jurisdiction, *region);
}

}  // namespace

absl::StatusOr<common::Ticket> TicketFor(pqxx::work& tx, const SupervisionContext& ctx,
                                         const service::Principal& caller,
                                         const std::string& number, Need need) {
  absl::StatusOr<common::Ticket> ticket = ctx.tickets.GetByNumber(tx, number);
  if (!ticket.ok()) return ticket.status();
  if (caller.role == common::ROLE_UNIT) {
    if (need == Need::kOffice) {
      return absl::PermissionDeniedError("this is for the hotline office");
    }
    for (const ClockRow& c : ClocksOfTicket(tx, ticket->id())) {
      const bool lead = c.kind == ClockKind::kHandling;
      if (c.unit_id == caller.name && (need == Need::kRead || lead)) return ticket;
    }
    return absl::PermissionDeniedError(need == Need::kRead
                                           ? "the ticket is not assigned to this unit"
                                           : "only the lead unit (主办) may ask this");
  }
  const bool office = caller.role == common::ROLE_SUPERVISOR;
  const bool reader = office || caller.role == common::ROLE_FRONTEND ||
                      caller.role == common::ROLE_ADMIN || caller.role == common::ROLE_PROVINCE;
  if (need == Need::kRead ? !reader : !office) {
    return absl::PermissionDeniedError("this is for the hotline office");
  }
  if (!Within(caller, *ticket)) {
    return absl::PermissionDeniedError("the ticket is outside the caller's jurisdiction");
  }
  return ticket;
}

}  // namespace hotline::supervision
