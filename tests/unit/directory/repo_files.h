#pragma once

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "tools/directory/divisions.h"

namespace hotline::directory {

// Files committed under the source tree (HOTLINE_SOURCE_DIR is set by CMake).
inline std::string RepoPath(const std::string& relative) {
  return std::string(HOTLINE_SOURCE_DIR) + "/" + relative;
}

inline std::string ReadRepoFile(const std::string& relative) {
  std::ifstream in(RepoPath(relative), std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The committed division data, loaded once per test binary.
inline const Divisions& RepoDivisions() {
  static const Divisions divisions = [] {
    absl::StatusOr<Divisions> loaded = LoadDivisions(RepoPath("deploy/directory/divisions"));
    if (!loaded.ok()) FAIL(loaded.status().ToString());
    return *std::move(loaded);
  }();
  return divisions;
}

}  // namespace hotline::directory
