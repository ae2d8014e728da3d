#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace hotline::support {

// The body of GET http://127.0.0.1:<port><path> (HTTP/1.0), for /metrics.
absl::StatusOr<std::string> HttpGet(int port, const std::string& path);

}  // namespace hotline::support
