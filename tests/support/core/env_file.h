#pragma once

#include <map>
#include <string>

namespace hotline::support {

// NAME=value lines of a file: a suite's endpoints.env, a service's ready file. Lines starting
// with '#' are comments. An unreadable file gives an empty map (a ready file not written yet).
std::map<std::string, std::string> ReadEnvFile(const std::string& path);

}  // namespace hotline::support
