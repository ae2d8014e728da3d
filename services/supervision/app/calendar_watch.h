#pragma once

#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "services/supervision/app/supervision_context.h"
#include "services/supervision/rules/calendar_coverage.h"

namespace prometheus {
template <typename T>
class Family;
class Gauge;
class Registry;
}  // namespace prometheus

namespace hotline::supervision {

struct CalendarWatchOptions {
  absl::Duration warn_within = absl::Hours(24 * 60);  // warn this long before the data runs out
  absl::Duration every = absl::Hours(1);
  absl::TimeZone zone;  // the instance's: what "today" is
};

// A deadline past the last year a calendar's holidays are entered is refused (BusinessCalendar),
// so the data must not run out unnoticed: the days left per calendar are a gauge
// (hotline_calendar_days_left{calendar}), and a calendar within `warn_within` of its end is a
// warning in the log at start and then once a day.
class CalendarWatch {
 public:
  CalendarWatch(const SupervisionContext& ctx, CalendarWatchOptions options,
                prometheus::Registry* registry /* nullable */);
  ~CalendarWatch();

  // Checks at once, then every options.every on a thread of its own until Stop().
  void Start();
  void Stop();
  // One check: the calendars within the warning window (warned about when a day has passed
  // since the last warning for them).
  std::vector<CalendarCoverage> CheckOnce();

 private:
  const SupervisionContext& ctx_;
  const CalendarWatchOptions options_;
  prometheus::Family<prometheus::Gauge>* days_left_ = nullptr;
  absl::flat_hash_map<std::string, absl::Time> last_warned_;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace hotline::supervision
