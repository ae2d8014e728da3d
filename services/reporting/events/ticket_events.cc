#include "services/reporting/events/ticket_events.h"

#include "services/reporting/rules/event_deltas.h"

namespace hotline::reporting {

bool ReportingWants(const hotline::common::v1::EventEnvelope& event) { return CountsEvent(event); }

absl::Status HandleTicketEvent(RollupKeeper& keeper,
                               const hotline::common::v1::EventEnvelope& event, Transaction& tx) {
  return keeper.Apply(tx, event);
}

absl::Status HandleTicketEvents(
    RollupKeeper& keeper, const std::vector<const hotline::common::v1::EventEnvelope*>& events,
    Transaction& tx) {
  return keeper.ApplyBatch(tx, events);
}

}  // namespace hotline::reporting
