#include "libs/calendar_table/pg_calendar_table.h"

#include <pqxx/result>

#include "libs/pg/pg_transaction.h"

namespace hotline::calendar {

constexpr char kCalendarText[] = "SELECT body FROM supervision_calendars WHERE code = $1";

absl::StatusOr<std::optional<std::string>> PgCalendarTable::Text(Transaction& tx,
                                                                 absl::string_view code) const {
  const pqxx::result rows = pg::Statements(tx).exec_params(kCalendarText, std::string(code));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0][0].c_str());
}

}  // namespace hotline::calendar
