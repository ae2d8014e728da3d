#pragma once

#include <vector>

#include "absl/status/status.h"
#include "hotline/common/v1/event.pb.h"
#include "libs/common/transaction.h"
#include "services/reporting/app/rollup_keeper.h"

namespace hotline::reporting {

// Which events the "reporting" consumer group acts on: every type the rules count (see
// rules/event_deltas.h). The rest (supplements, duplicate flags) are acknowledged unread.
bool ReportingWants(const hotline::common::v1::EventEnvelope& event);

// Hands one event of the ticket stream to the rollup keeper, in the consumer's transaction.
absl::Status HandleTicketEvent(RollupKeeper& keeper,
                               const hotline::common::v1::EventEnvelope& event, Transaction& tx);
// Hands a read's new events to the rollup keeper at once (the consumer's whole-read batch).
absl::Status HandleTicketEvents(
    RollupKeeper& keeper, const std::vector<const hotline::common::v1::EventEnvelope*>& events,
    Transaction& tx);

}  // namespace hotline::reporting
