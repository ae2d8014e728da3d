#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/support/core/child_process.h"

namespace hotline::testing {

using support::ChildProcess;

// Starts a program for the test (a relay, a server) in a process group of its own; output goes to
// `log_path` when given, so failures can be diagnosed. Fails the test when it cannot start.
std::unique_ptr<ChildProcess> StartChild(std::vector<std::string> argv,
                                         std::vector<std::string> extra_env = {},
                                         std::string log_path = "");

}  // namespace hotline::testing
