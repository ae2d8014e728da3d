#pragma once

#include <cstdint>

#include "bench/routing/national_directory.h"

namespace hotline::bench {

struct DecisionOptions {
  int64_t inputs = 1000000;
  int rounds = 3;
  uint64_t seed = 12345;
  int villages_per_township = 15;  // as generated: codes beyond it are unknown places
  double emergency_share = 0.03;   // child-protection emergencies (the 12349 chain)
  double unknown_share = 0.02;     // village codes the directory does not have
};

struct DecisionResult {
  double decisions_per_second = 0;  // best round
  double ns_per_decision = 0;
};

// Route() on this thread over a pre-generated array of inputs (nationwide jurisdiction ""):
// prints the mix, the outcomes and each timed round.
DecisionResult RunDecisions(const routing::DirectorySnapshot& snapshot, const DirectoryFiles& files,
                            const DecisionOptions& options);

}  // namespace hotline::bench
