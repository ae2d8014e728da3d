#pragma once

#include <exception>

#include "absl/status/status.h"

namespace hotline::pg {

// Maps a libpqxx (or other) exception to the most specific status, as STYLE.md says:
// unique violation → ALREADY_EXISTS, serialization failure / deadlock → ABORTED,
// broken connection → UNAVAILABLE, statement timeout → DEADLINE_EXCEEDED, commit outcome
// unknown → UNKNOWN. The message carries the SQLSTATE and the server's primary message line only
// (never DETAIL, which may quote row values); callers log it, not return it to clients.
absl::Status StatusFromException(const std::exception& e);

// True for a failure where running the whole transaction again may succeed.
bool IsRetryableTransactionFailure(const std::exception& e);

}  // namespace hotline::pg
