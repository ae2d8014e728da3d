#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace hotline::support {

// `url` with its database name replaced: postgresql://u@h:p/db?x → postgresql://u@h:p/<db>?x.
std::string WithDatabase(const std::string& url, const std::string& db);

// Runs one statement outside a transaction (CREATE/DROP DATABASE, VACUUM).
absl::Status ExecOutsideTransaction(const std::string& url, const std::string& sql);

// The first field of the first row `sql` returns, as text ("" when NULL or no row).
absl::StatusOr<std::string> QueryOne(const std::string& url, const std::string& sql);

// Creates database `name` on the server of `server_url` and, with `migrate`, applies the embedded
// migrations; returns its URL. Pair it with DropScratchDatabase (a database whose migrations
// failed is dropped at once).
absl::StatusOr<std::string> CreateScratchDatabase(const std::string& server_url,
                                                  const std::string& name, bool migrate);

// Drops database `name`, closing the connections still open to it. Best effort: a scratch
// database left behind is harmless.
void DropScratchDatabase(const std::string& server_url, const std::string& name);

}  // namespace hotline::support
