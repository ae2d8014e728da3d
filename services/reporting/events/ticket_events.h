#pragma once

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

}  // namespace hotline::reporting
