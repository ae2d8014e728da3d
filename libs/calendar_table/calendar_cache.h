#pragma once

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "libs/calendar/business_calendar.h"
#include "libs/calendar_table/calendar_table.h"

namespace hotline::calendar {

// A calendar as it stands in the reader's transaction: the text is read each time (one
// primary-key row), parsed again only when it changed, so an edit counts from the next
// transaction on with no restart. Safe to share between threads.
class CalendarCache {
 public:
  explicit CalendarCache(const CalendarTable& table) : table_(table) {}

  // FAILED_PRECONDITION when calendar `code` is missing or does not parse.
  absl::StatusOr<std::shared_ptr<const BusinessCalendar>> Get(Transaction& tx,
                                                              absl::string_view code);

 private:
  struct Parsed {
    std::string text;
    std::shared_ptr<const BusinessCalendar> calendar;
  };
  const CalendarTable& table_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Parsed> parsed_ ABSL_GUARDED_BY(mu_);
};

}  // namespace hotline::calendar
