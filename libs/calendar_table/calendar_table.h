#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "libs/common/transaction.h"

namespace hotline::calendar {

// The business calendars in their text form (libs/calendar/calendar_text.h), as deadline
// supervision keeps them: supervision alone edits them (UpsertCalendar); another service that
// counts working time reads them here, so that every figure uses the one calendar operators
// maintain.
class CalendarTable {
 public:
  virtual ~CalendarTable() = default;
  // The text of calendar `code`; nullopt when there is none.
  virtual absl::StatusOr<std::optional<std::string>> Text(Transaction& tx,
                                                          absl::string_view code) const = 0;
};

}  // namespace hotline::calendar
