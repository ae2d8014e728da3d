#include "services/supervision/app/supervision_context.h"

#include "libs/service/ticket_reach.h"

namespace hotline::supervision {

hotline::common::v1::Actor SupervisionActor() {
  hotline::common::v1::Actor actor;
  actor.set_role(hotline::common::v1::ROLE_ADMIN);
  actor.set_principal("deadline-supervision");
  return actor;
}

absl::StatusOr<GatedTicket> OpenTicket(const SupervisionContext& ctx, Transaction& tx,
                                       const std::string& number, const TicketGate& gate) {
  absl::StatusOr<hotline::common::v1::Ticket> ticket = ctx.tickets.GetByNumber(tx, number);
  // An absent ticket is refused as the gate refuses one out of reach.
  if (absl::IsNotFound(ticket.status())) return service::OutOfReach("ticket");
  if (!ticket.ok()) return ticket.status();
  const int64_t id = ticket->id();
  absl::StatusOr<Standing> standing = gate(*ticket, [&] { return ctx.clocks.OfTicket(tx, id); });
  if (!standing.ok()) return standing.status();
  return GatedTicket{*std::move(ticket), *standing};
}

}  // namespace hotline::supervision
