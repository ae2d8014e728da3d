#pragma once

#include "hotline/common/v1/event.pb.h"
#include "hotline/intake/v1/intake.pb.h"

namespace hotline::intake {

// The timeline entry of one event: who, what, when — not the payload's internals. `state` is the
// ticket's state before the event, and after it on return.
hotline::intake::v1::TimelineEntry TimelineEntryOf(const hotline::common::v1::EventEnvelope& event,
                                                   hotline::common::v1::TicketState& state);

}  // namespace hotline::intake
