#pragma once

#include "absl/time/time.h"

namespace hotline::routing::v1 {
class CallerContacted;
}  // namespace hotline::routing::v1

namespace hotline::reporting {

class Counting;

// How long the lead unit has from the dispatch of its assignment to its first contact with the
// caller (响应率), by the catalogue version in force on the contact's local day. Natural time.
struct ResponseLimits {
  absl::Duration normal = absl::Hours(24);
  absl::Duration urgent = absl::Hours(2);            // URGENT and EXTRA_URGENT tickets
  absl::Duration child_protection = absl::Hours(2);  // tickets of the 12349 line
};

// The limit of a ticket: the shortest that applies to it.
absl::Duration ResponseLimitFor(const ResponseLimits& limits, int urgency, int source_line);

// routing.caller_contacted: a first contact, and whether it came within the limit; both counted
// for the contacting unit.
void CountFirstContact(const hotline::routing::v1::CallerContacted& contacted,
                       const ResponseLimits& limits, int source_line, Counting& count);

}  // namespace hotline::reporting
