#include "libs/events/backoff.h"

#include <algorithm>

#include "libs/common/log.h"

namespace hotline::events {

absl::Duration Backoff::Next() {
  const absl::Duration now = next_;
  next_ = std::min(next_ * 2, max_);
  return now;
}

void OutageLog::Failed(const absl::Status& status) {
  ++failures_;
  if (down_) return;
  down_ = true;
  since_ = absl::Now();
  log::Warning(
      "dependency unavailable, retrying with backoff",
      {{"component", component_}, {"dependency", dependency_}, {"error", status.ToString()}});
}

void OutageLog::Recovered() {
  if (!down_) return;
  log::Info("dependency available again",
            {{"component", component_},
             {"dependency", dependency_},
             {"outage_ms", absl::ToInt64Milliseconds(absl::Now() - since_)},
             {"failed_attempts", failures_}});
  down_ = false;
  failures_ = 0;
}

}  // namespace hotline::events
