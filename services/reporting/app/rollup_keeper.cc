#include "services/reporting/app/rollup_keeper.h"

#include "libs/domain/event_types.h"

namespace hotline::reporting {

absl::Status RollupKeeper::Apply(Transaction& tx, const hotline::common::v1::EventEnvelope& event) {
  if (!CountsEvent(event)) return absl::OkStatus();
  std::optional<TicketFacts> before = facts_.Lock(tx, event.ticket_id());
  if (!before && event.type() != event_type::kTicketCreated) {
    absl::StatusOr<hotline::common::v1::Ticket> ticket = tickets_.Get(tx, event.ticket_id());
    if (!ticket.ok()) return ticket.status();
    before = FactsFromTicket(*ticket);
  }
  const EventOutcome out = ApplyEvent(event, before.value_or(TicketFacts{}), context_);
  if (!out.changed) return absl::OkStatus();
  facts_.Save(tx, out.facts);
  counts_.Add(tx, out.deltas);
  return absl::OkStatus();
}

}  // namespace hotline::reporting
