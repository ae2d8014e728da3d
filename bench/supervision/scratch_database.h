#pragma once

#include <string>

namespace hotline::bench {

struct ScratchDatabase {
  std::string name;  // bench_supervision_<pid>; also the stream prefix of its services
  std::string url;
  int cleanup_id = 0;  // for RunCleanup(): drops it and deletes its stream keys
};

// Creates and migrates a scratch database on the suite's PostgreSQL. Its cleanup is registered
// at once, so a Fail() anywhere later still drops it (unless `keep`) and deletes the stream keys
// under its name in the suite's Redis.
ScratchDatabase CreateScratchDatabase(const std::string& pg_url, const std::string& redis_url,
                                      bool keep);

}  // namespace hotline::bench
