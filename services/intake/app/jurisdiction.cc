#include "services/intake/app/jurisdiction.h"

#include "libs/domain/region_code.h"

namespace hotline::intake {

absl::StatusOr<hotline::common::v1::Ticket> TicketInJurisdiction(
    Transaction& tx, const ticketstore::TicketStore& tickets, const std::string& jurisdiction,
    const std::string& number) {
  absl::StatusOr<hotline::common::v1::Ticket> ticket = tickets.GetByNumber(tx, number);
  if (!ticket.ok()) return ticket.status();
  auto region = domain::RegionCode::Parse(ticket->region().code());
  if (!region.ok() || !domain::InJurisdiction(jurisdiction, *region)) {
    return absl::PermissionDeniedError("the ticket is outside this credential's area");
  }
  return ticket;
}

}  // namespace hotline::intake
