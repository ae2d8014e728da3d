#pragma once

#include <map>
#include <string>

#include "bench/routing/national_directory.h"

namespace hotline::bench {

struct LoadOptions {
  std::string pg_url;     // the suite's; the scratch database is made on the same server
  std::string redis_url;  // the suite's; the private routing uses its own stream prefix
  std::string data_keys;  // the suite's keyring file
  std::string bin_dir;    // hotline-routing and hotline-admin
  std::string work_dir;   // ready file and the private routing's log
  int chunk_rows = 5000;
  int load_attempts = 3;
};

struct LoadResult {
  double import_seconds = 0;
  double best_load_seconds = 0;
  int64_t units = 0;
  int64_t memory_bytes = 0;
};

// Imports the national directory into a scratch database through a private hotline-routing's
// ImportDirectory, then times LoadDirectory() from it. The database is dropped at the end.
LoadResult RunLoad(const DirectoryFiles& files, const directory::GeneratorOptions& generator,
                   const LoadOptions& options);

}  // namespace hotline::bench
