#include "tests/support/child_process.h"

#include <catch2/catch.hpp>

namespace hotline::testing {

std::unique_ptr<ChildProcess> StartChild(std::vector<std::string> argv,
                                         std::vector<std::string> extra_env, std::string log_path) {
  support::ChildOptions options;
  options.argv = std::move(argv);
  options.extra_env = std::move(extra_env);
  options.log_path = std::move(log_path);
  options.own_process_group = true;
  absl::StatusOr<std::unique_ptr<ChildProcess>> child = ChildProcess::Start(options);
  INFO(child.status().ToString());
  REQUIRE(child.ok());
  return *std::move(child);
}

}  // namespace hotline::testing
