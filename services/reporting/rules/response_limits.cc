#include "services/reporting/rules/response_limits.h"

#include <algorithm>

#include "hotline/common/v1/ticket.pb.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/proto_time.h"
#include "services/reporting/rules/delta_counting.h"

namespace hotline::reporting {

namespace common = hotline::common::v1;

absl::Duration ResponseLimitFor(const ResponseLimits& limits, int urgency, int source_line) {
  absl::Duration limit = limits.normal;
  if (urgency == common::URGENCY_URGENT || urgency == common::URGENCY_EXTRA_URGENT) {
    limit = std::min(limit, limits.urgent);
  }
  if (source_line == common::SOURCE_LINE_12349) limit = std::min(limit, limits.child_protection);
  return limit;
}

void CountFirstContact(const hotline::routing::v1::CallerContacted& contacted,
                       const ResponseLimits& limits, int source_line, Counting& count) {
  count.AddForUnit(contacted.unit_id(), Counter::kFirstContacts);
  // Without a dispatch time the contact cannot be judged, so it is not counted as in time.
  if (!contacted.has_dispatched_at() || !contacted.has_contacted_at()) return;
  const absl::Duration took =
      FromTimestamp(contacted.contacted_at()) - FromTimestamp(contacted.dispatched_at());
  if (took <= ResponseLimitFor(limits, contacted.urgency(), source_line)) {
    count.AddForUnit(contacted.unit_id(), Counter::kFirstContactsInTime);
  }
}

}  // namespace hotline::reporting
