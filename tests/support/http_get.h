#pragma once

#include <string>

#include "tests/support/core/metrics_text.h"

namespace hotline::testing {

// GET http://127.0.0.1:<port><path>; returns the body ("" on any failure, so that a test polling
// /metrics sees "no sample yet"). For /metrics.
std::string HttpGet(int port, const std::string& path);

using support::Sample;

}  // namespace hotline::testing
