#pragma once

#include "absl/functional/function_ref.h"
#include "absl/time/time.h"

namespace hotline::support {

// Polls `done` until it returns true or `timeout` passes; true when it became true. What tests
// and benchmarks use instead of sleeping for a guessed time.
bool PollUntil(absl::Duration timeout, absl::FunctionRef<bool()> done,
               absl::Duration interval = absl::Milliseconds(10));

}  // namespace hotline::support
