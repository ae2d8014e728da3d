#pragma once

#include "libs/calendar_table/calendar_table.h"

namespace hotline::calendar {

// CalendarTable over supervision_calendars (deploy/migrations/0009_*), read-only.
class PgCalendarTable final : public CalendarTable {
 public:
  absl::StatusOr<std::optional<std::string>> Text(Transaction& tx,
                                                  absl::string_view code) const override;
};

}  // namespace hotline::calendar
