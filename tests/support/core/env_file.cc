#include "tests/support/core/env_file.h"

#include <fstream>

namespace hotline::support {

std::map<std::string, std::string> ReadEnvFile(const std::string& path) {
  std::map<std::string, std::string> env;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const size_t eq = line.find('=');
    if (eq == std::string::npos || line[0] == '#') continue;
    std::string value = line.substr(eq + 1);
    // The suite quotes values the shell would misread (deploy/local/suite write_env).
    if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
      value = value.substr(1, value.size() - 2);
    }
    env[line.substr(0, eq)] = std::move(value);
  }
  return env;
}

}  // namespace hotline::support
