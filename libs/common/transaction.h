#pragma once

#include <optional>
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace hotline {

// One unit of work against the system of record. Use cases hand it from a TransactionRunner to
// the stores they call, so that a ticket's transition and a service's own rows commit together;
// they never look inside. Stores built on PostgreSQL reach the libpqxx transaction through
// pg::Work; in-memory fakes ignore it.
class Transaction {
 public:
  virtual ~Transaction() = default;
};

// Runs a body in one transaction: commits when it returns OK, rolls back on any other status. A
// runner may run the body again after a serialization conflict, so a body must not keep effects
// outside its stores between attempts.
class TransactionRunner {
 public:
  virtual ~TransactionRunner() = default;
  virtual absl::Status Run(absl::FunctionRef<absl::Status(Transaction&)> body) = 0;

  // Run for a body that produces a value.
  template <typename T>
  absl::StatusOr<T> RunFor(absl::FunctionRef<absl::StatusOr<T>(Transaction&)> body) {
    std::optional<T> result;
    absl::Status status = Run([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<T> value = body(tx);
      if (!value.ok()) return value.status();
      result.emplace(*std::move(value));
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return *std::move(result);
  }
};

// Runs a body in autocommit: each statement commits by itself, which saves the round trips of
// BEGIN and COMMIT. Only for writers built for it: they read first, put every write in one
// statement (atomic by itself, so a failure writes nothing) and are safe to run again. Nothing is
// retried or rolled back by the runner.
class AutocommitRunner {
 public:
  virtual ~AutocommitRunner() = default;
  virtual absl::Status Run(absl::FunctionRef<absl::Status(Transaction&)> body) = 0;
};

}  // namespace hotline
