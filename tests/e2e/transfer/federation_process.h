#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace hotline::transfer::testing {

// One service of a running local federation (`deploy/local/suite up --federation --dir DIR`),
// e.g. the province's hotline-transfer: stopped, and started again from its own command line and
// environment on the ports it had, so its peers and clients find it where it was. The restarted
// process belongs to the federation (its pid file is updated, `suite down` stops it).
class FederationService {
 public:
  // Reads DIR/<code>/run/<binary>.pid, the process's /proc entries and its ready file.
  static absl::StatusOr<FederationService> Of(const std::string& dir, const std::string& code,
                                              const std::string& binary);

  // SIGTERM, then waits for it to exit.
  absl::Status Stop(absl::Duration timeout = absl::Seconds(20));
  // Starts it again and waits for its ready file.
  absl::Status Start(absl::Duration timeout = absl::Seconds(30));

 private:
  FederationService() = default;

  std::string run_dir_;
  std::string binary_;
  std::string log_;
  pid_t pid_ = 0;
  std::vector<std::string> argv_;
  std::vector<std::string> env_;
};

}  // namespace hotline::transfer::testing
