#include "services/intake/app/jurisdiction.h"

#include "libs/service/ticket_reach.h"

namespace hotline::intake {

absl::StatusOr<hotline::common::v1::Ticket> TicketInJurisdiction(
    Transaction& tx, const ticketstore::TicketStore& tickets, const std::string& jurisdiction,
    const std::string& number) {
  return service::WithinReach(tickets.GetByNumber(tx, number), jurisdiction);
}

}  // namespace hotline::intake
