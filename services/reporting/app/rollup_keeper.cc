#include "services/reporting/app/rollup_keeper.h"

#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"

namespace hotline::reporting {

absl::StatusOr<TicketFacts> StartingFacts(Transaction& tx, const ticketstore::TicketStore& tickets,
                                          const hotline::common::v1::EventEnvelope& event) {
  if (event.type() == event_type::kTicketCreated) return TicketFacts{};
  absl::StatusOr<hotline::common::v1::Ticket> ticket = tickets.Get(tx, event.ticket_id());
  if (!ticket.ok()) return ticket.status();
  return FactsFromTicket(*ticket);
}

absl::Status RollupKeeper::Apply(Transaction& tx, const hotline::common::v1::EventEnvelope& event) {
  if (!CountsEvent(event)) return absl::OkStatus();
  std::optional<TicketFacts> before = stores_.facts.Lock(tx, event.ticket_id());
  if (!before) {
    absl::StatusOr<TicketFacts> starting = StartingFacts(tx, stores_.tickets, event);
    if (!starting.ok()) return starting.status();
    before = *std::move(starting);
  }
  absl::StatusOr<Judgement> judgement = working_.For(tx, event);
  if (!judgement.ok()) return judgement.status();
  const EventOutcome out = ApplyEvent(event, *before, judgement->context);
  if (out.changed) {
    stores_.facts.Save(tx, out.facts);
    stores_.counts.Add(tx, out.deltas);
  }
  // The stream's partition of the ticket (the relay's rule: ticket id mod partitions).
  const int partition = partitions_ > 0 ? static_cast<int>(event.ticket_id() % partitions_) : 0;
  stores_.tables.RecordProgress(tx, partition, FromTimestamp(event.occurred_at()));
  return absl::OkStatus();
}

}  // namespace hotline::reporting
