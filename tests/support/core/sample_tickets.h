#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "hotline/common/v1/auth.pb.h"
#include "hotline/common/v1/ticket.pb.h"
#include "hotline/intake/v1/intake.pb.h"

namespace hotline::support {

// A plausible complaint about water in Kunming's Wuhua district, for tests and benchmarks that
// need tickets but do not care what is in them.
hotline::common::v1::Ticket SampleTicketDraft();

// A supervisor actor named `principal`.
hotline::common::v1::Actor SampleActor(const std::string& principal);

// Submissions as a city line receives them, for load: complaints, requests for help and reports
// of ordinary matters across many categories, each with its own place and wording, so that two
// tickets look alike about as rarely as real ones do. A share of them are repeats: the same
// caller calling again about the same matter, which intake flags as a possible duplicate.
// One per client thread (not thread-safe); the same seed gives the same tickets.
class SampleTickets {
 public:
  // `regions`: division codes to spread tickets over (not empty). `repeat_share` in [0, 1].
  SampleTickets(uint64_t seed, std::vector<std::string> regions, double repeat_share);

  intake::v1::SubmitTicketRequest Next(const std::string& idempotency_key);
  // Whether the last Next() repeated an earlier ticket of this generator.
  bool last_was_repeat() const { return last_was_repeat_; }

 private:
  size_t Pick(size_t n);

  std::mt19937_64 gen_;
  std::vector<std::string> regions_;
  double repeat_share_;
  std::optional<intake::v1::SubmitTicketRequest> last_;
  bool last_was_repeat_ = false;
};

}  // namespace hotline::support
