#pragma once

#include <vector>

#include "hotline/common/v1/event.pb.h"
#include "hotline/intake/v1/intake.pb.h"

namespace hotline::intake {

// The units handling a ticket now, folded from routing's events in its history (intake does not
// read routing's tables): the assignments of the latest dispatch round, with their current
// states, lead first as routing wrote them.
std::vector<hotline::intake::v1::HandlingUnit> CurrentHandlingUnits(
    const std::vector<hotline::common::v1::EventEnvelope>& history);

}  // namespace hotline::intake
