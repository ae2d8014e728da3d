#include "libs/pg/pg_error.h"

#include <pqxx/except>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace hotline::pg {
namespace {

std::string FirstLine(const char* text) {
  absl::string_view s(text);
  if (absl::StartsWith(s, "ERROR:  ")) s.remove_prefix(8);
  s = s.substr(0, s.find('\n'));
  return std::string(s.substr(0, 200));
}

absl::StatusCode CodeForSqlState(absl::string_view state) {
  if (state == "23505") return absl::StatusCode::kAlreadyExists;
  if (state == "40001" || state == "40P01") return absl::StatusCode::kAborted;
  if (state == "57014") return absl::StatusCode::kDeadlineExceeded;           // statement timeout
  if (state == "55P03") return absl::StatusCode::kAborted;                    // lock not available
  if (absl::StartsWith(state, "08")) return absl::StatusCode::kUnavailable;   // connection
  if (absl::StartsWith(state, "53")) return absl::StatusCode::kUnavailable;   // resources
  if (absl::StartsWith(state, "57P")) return absl::StatusCode::kUnavailable;  // shutting down
  if (absl::StartsWith(state, "22")) return absl::StatusCode::kInvalidArgument;     // bad data
  if (absl::StartsWith(state, "23")) return absl::StatusCode::kFailedPrecondition;  // integrity
  return absl::StatusCode::kInternal;
}

// libpqxx's usage errors derive from std::logic_error too; they stay database client errors.
bool IsPqxx(const std::exception& e) {
  return dynamic_cast<const pqxx::usage_error*>(&e) != nullptr ||
         dynamic_cast<const pqxx::conversion_error*>(&e) != nullptr ||
         dynamic_cast<const pqxx::argument_error*>(&e) != nullptr ||
         dynamic_cast<const pqxx::range_error*>(&e) != nullptr;
}

}  // namespace

absl::Status StatusFromException(const std::exception& e) {
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr) {
    return absl::UnknownError("database commit outcome unknown");
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    return absl::UnavailableError(absl::StrCat("database connection lost: ", FirstLine(e.what())));
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& state = sql->sqlstate();
    return absl::Status(CodeForSqlState(state),
                        absl::StrCat("database error ", state, ": ", FirstLine(e.what())));
  }
  // A broken invariant of the suite's own code (std::logic_error), not the database's doing.
  if (dynamic_cast<const std::logic_error*>(&e) != nullptr && !IsPqxx(e)) {
    return absl::InternalError(FirstLine(e.what()));
  }
  return absl::InternalError(absl::StrCat("database client error: ", FirstLine(e.what())));
}

bool IsRetryableTransactionFailure(const std::exception& e) {
  const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e);
  if (sql == nullptr) return false;
  return sql->sqlstate() == "40001" || sql->sqlstate() == "40P01";
}

}  // namespace hotline::pg
