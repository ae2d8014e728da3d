#include "services/supervision/app/calendar_watch.h"

#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "absl/time/civil_time.h"
#include "libs/common/log.h"

namespace hotline::supervision {

CalendarWatch::CalendarWatch(const SupervisionContext& ctx, CalendarWatchOptions options,
                             prometheus::Registry* registry)
    : ctx_(ctx), options_(options) {
  if (registry == nullptr) return;
  days_left_ = &prometheus::BuildGauge()
                    .Name("hotline_calendar_days_left")
                    .Help(
                        "Days until a business calendar's holiday data runs out; deadlines "
                        "after it are refused")
                    .Register(*registry);
}

CalendarWatch::~CalendarWatch() { Stop(); }

std::vector<CalendarCoverage> CalendarWatch::CheckOnce() {
  absl::StatusOr<std::shared_ptr<const Settings>> settings = ctx_.settings.Get();
  if (!settings.ok()) {
    log::Warning("cannot read the calendars to check their years",
                 {{"error", std::string(settings.status().message())}});
    return {};
  }
  const absl::Time now = ctx_.clock.Now();
  std::vector<CalendarCoverage> soon;
  for (const CalendarCoverage& c : CoverageOf((*settings)->calendars, now, options_.zone)) {
    if (days_left_ != nullptr) days_left_->Add({{"calendar", c.code}}).Set(c.days_left);
    if (absl::Hours(24) * c.days_left >= options_.warn_within) continue;
    soon.push_back(c);
    auto [last, first] = last_warned_.try_emplace(c.code, now);
    if (!first && now - last->second < absl::Hours(24)) continue;
    last->second = now;
    log::Warning(c.days_left < 0 ? "a calendar's holidays have run out: deadlines are refused"
                                 : "a calendar's holidays run out soon: enter the next year",
                 {{"calendar", c.code},
                  {"through", absl::FormatCivilTime(c.through)},
                  {"days_left", c.days_left}});
  }
  return soon;
}

void CalendarWatch::Start() {
  thread_ = std::thread([this] {
    while (!stop_.HasBeenNotified()) {
      CheckOnce();
      stop_.WaitForNotificationWithTimeout(options_.every);
    }
  });
}

void CalendarWatch::Stop() {
  if (!thread_.joinable()) return;
  stop_.Notify();
  thread_.join();
}

}  // namespace hotline::supervision
