#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hotline/intake/v1/intake.grpc.pb.h"
#include "libs/tls/dial.h"

namespace hotline::bench {

struct LoadResult {
  int64_t ok = 0;
  int64_t failed = 0;
  int64_t flagged_duplicates = 0;  // answered with possible_duplicate_of
  int64_t not_accepted = 0;        // answered with another decision than ACCEPTED
  std::string first_error;
  std::vector<double> latencies_ms;
  std::vector<double> due_s;  // when each call was due, in seconds from the phase's start
  double seconds = 0;
  absl::Time started;  // to match the stretches below with servers' logs

  double Rate() const { return seconds > 0 ? static_cast<double>(ok) / seconds : 0; }
  // Adds `other`'s calls and seconds (a phase run by several drivers, or several phases pooled).
  void Add(const LoadResult& other);
};

// SubmitTicket callers, one connection each, kept across phases so no phase pays for connecting.
class IntakeClients {
 public:
  // Fail()s when the clients cannot connect to `address` within 10 s. `repeat_share`: the share of
  // tickets in which a caller calls again about the matter of their last one (SampleTickets).
  IntakeClients(const std::string& address, const tls::ClientTls& tls, std::string token,
                int clients, double repeat_share);

  // Closed loop when `rate` is 0: each client sends its next ticket as soon as the last one is
  // answered. Open loop otherwise: tickets are due at `rate` per second in all, spread over the
  // clients, and a ticket's latency counts from when it was due, so a client that falls behind
  // shows in the figures. `phase` makes the idempotency keys of this phase unique. The load starts
  // `lead_in` before the `length` that is measured, so the figures leave out how the service
  // comes back from idling (its checkpointed database, its identity stock).
  LoadResult Run(absl::Duration length, double rate, const std::string& phase,
                 absl::Duration lead_in = absl::ZeroDuration());

 private:
  std::string token_;
  double repeat_share_;
  std::string run_tag_;
  std::vector<std::unique_ptr<intake::v1::Intake::Stub>> stubs_;
};

// One line: "<name> <ok> ok <failed> failed in <s> s = <rate> tickets/s   latency ms p50 … p99.9".
void PrintLoad(const char* name, LoadResult& result);

// The `count` 100 ms stretches of the phase whose calls waited longest, by their slowest call:
// a tail from a few stalls (a fork, a vacuum) shows as a few stretches, a slow phase as many.
// Ends with the phase's start in UTC, to find the stalls in the servers' logs.
void PrintSlowestStretches(const LoadResult& result, int count);

// Calls slower than `over_ms`, grouped into episodes (slow calls due within 30 ms of each other),
// with the median time between the episodes' starts: a periodic stall of the machine (a memory
// scanner, an fsync every second) shows as episodes a fixed time apart.
void PrintSlowEpisodes(const LoadResult& result, double over_ms);

}  // namespace hotline::bench
