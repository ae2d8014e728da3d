#pragma once

#include "absl/status/status.h"
#include "hotline/common/v1/event.pb.h"
#include "libs/common/transaction.h"
#include "services/supervision/app/clock_keeper.h"

namespace hotline::supervision {

// Which events the "supervision" consumer group acts on: dispatches, assignment changes, and the
// state changes that start, pause, resume or stop clocks. The rest are acknowledged unread.
bool SupervisionWants(const hotline::common::v1::EventEnvelope& event);

// Decodes one event of the ticket stream and hands it to the clock keeper, in the consumer's
// transaction.
absl::Status HandleTicketEvent(ClockKeeper& keeper, const hotline::common::v1::EventEnvelope& event,
                               Transaction& tx);

}  // namespace hotline::supervision
