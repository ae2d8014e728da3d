#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace hotline::service {

// Every flag --some_name can also be set by the environment variable HOTLINE_SOME_NAME; the
// command line wins over the environment, which wins over the default. A value that does not
// parse is fatal at start with a message naming the variable. Returns the positional arguments.
std::vector<char*> ParseFlagsWithEnvironment(int argc, char** argv, const std::string& usage);

// Sets every flag whose HOTLINE_<NAME> variable is present; INVALID_ARGUMENT naming the variable
// when a value does not parse.
absl::Status ApplyEnvironmentToFlags();

// "HOTLINE_" + upper-cased flag name.
std::string EnvironmentNameOf(const std::string& flag_name);

}  // namespace hotline::service
