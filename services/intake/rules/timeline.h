#pragma once

#include <optional>
#include <vector>

#include "hotline/common/v1/event.pb.h"
#include "hotline/intake/v1/intake.pb.h"

namespace hotline::intake {

// The timeline entry of one event: who, what, when — not the payload's internals. `state` is the
// ticket's state before the event, and after it on return.
hotline::intake::v1::TimelineEntry TimelineEntryOf(const hotline::common::v1::EventEnvelope& event,
                                                   hotline::common::v1::TicketState& state);

// Where the ticket went, from its transfer.forwarded and transfer.remote_update events; unset
// (nullopt) for a ticket that never left this instance.
std::optional<hotline::intake::v1::TransferredTo> TransferredToOf(
    const std::vector<hotline::common::v1::EventEnvelope>& history);

}  // namespace hotline::intake
