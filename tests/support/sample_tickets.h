#pragma once

#include <string>

#include "hotline/common/v1/auth.pb.h"
#include "hotline/common/v1/ticket.pb.h"

namespace hotline::testing {

// A plausible complaint about water in Kunming's Wuhua district, for tests and benchmarks that
// need tickets but do not care what is in them.
hotline::common::v1::Ticket SampleTicketDraft();

// A supervisor actor named `principal`.
hotline::common::v1::Actor SampleActor(const std::string& principal);

}  // namespace hotline::testing
