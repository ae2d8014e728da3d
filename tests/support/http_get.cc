#include "tests/support/http_get.h"

#include "tests/support/core/http_get.h"

namespace hotline::testing {

std::string HttpGet(int port, const std::string& path) {
  return support::HttpGet(port, path).value_or("");
}

}  // namespace hotline::testing
