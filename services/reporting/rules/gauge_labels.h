#pragma once

#include <string>

namespace hotline::reporting {

// The label of a ticket state on the business gauges: the TicketState name in lower case without
// its prefix ("pending_dispatch"); "unknown" for a number the proto lacks.
std::string StateLabel(int state);

// The label of a tier from the length of a division code: province, prefecture, county, township,
// village; "none" for a unit whose id carries no code (or no unit yet).
std::string TierLabel(int code_digits);

}  // namespace hotline::reporting
