#pragma once

#include <vector>

#include "hotline/common/v1/event.pb.h"
#include "hotline/intake/v1/intake.pb.h"

namespace hotline::intake {

// The ticket's open deadlines, folded from supervision's clocks_changed events in its history
// (intake does not read supervision's tables): each clock's latest due time while it runs or is
// paused, oldest clock first.
std::vector<hotline::intake::v1::Deadline> CurrentDeadlines(
    const std::vector<hotline::common::v1::EventEnvelope>& history);

}  // namespace hotline::intake
