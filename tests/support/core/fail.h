#pragma once

#include <functional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace hotline::support {

// For programs run from the command line (benchmarks): ends the run with a message on stderr,
// after the registered cleanups (scratch database, private service, stream keys) have run,
// newest first. Tests use REQUIRE instead.
[[noreturn]] void Fail(const std::string& what);
// Registers a cleanup for Fail(); returns its id.
int AddCleanup(std::function<void()> cleanup);
// Runs one cleanup now (at most once) and forgets it.
void RunCleanup(int id);

// Fail()s with the status when it is not OK.
void OkOrFail(const absl::Status& status);
template <typename T>
T ValueOrFail(absl::StatusOr<T> value) {
  if (!value.ok()) Fail(value.status().ToString());
  return *std::move(value);
}

}  // namespace hotline::support
