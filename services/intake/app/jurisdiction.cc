#include "services/intake/app/jurisdiction.h"

#include "libs/service/ticket_reach.h"

namespace hotline::intake {

absl::StatusOr<hotline::common::v1::Ticket> TicketInJurisdiction(
    Transaction& tx, const ticketstore::TicketStore& tickets, const std::string& jurisdiction,
    const std::string& number) {
  return service::WithinReach(tickets.GetByNumber(tx, number), jurisdiction);
}

absl::StatusOr<hotline::common::v1::Ticket> ReachTicket(Transaction& tx,
                                                        const ticketstore::TicketStore& tickets,
                                                        const hotline::common::v1::Actor& actor,
                                                        TicketScope scope,
                                                        const std::string& number) {
  if (scope == TicketScope::kJurisdiction) {
    return TicketInJurisdiction(tx, tickets, actor.jurisdiction(), number);
  }
  absl::StatusOr<hotline::common::v1::Ticket> ticket = tickets.GetByNumber(tx, number);
  const bool taken = ticket.ok() && service::TakenBy(tickets.History(tx, ticket->id()), actor);
  if (absl::Status reach = service::ReachOr(ticket.status(), taken, "ticket"); !reach.ok()) {
    return reach;
  }
  return ticket;
}

}  // namespace hotline::intake
