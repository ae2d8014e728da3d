#pragma once

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace hotline::bench {

struct Settled {
  double outbox_seconds = 0;  // how long the relay took to publish what was left
  int64_t unpublished = 0;    // outbox rows still unpublished when waiting stopped
  bool checkpointed = false;
};

// Called before every measured phase so that none pays for the one before it: waits until the
// outbox relay has published every event (at most `max_wait`, and not once it stops making
// progress for 5 s, e.g. with --run_relay=false), then takes a CHECKPOINT (needs a superuser,
// as the local suite's user is) so no phase meets one that another phase's writes caused.
Settled Settle(const std::string& pg_url, absl::Duration max_wait);

// Deletes the streams of `prefix` (one per partition of event_stream_config). A private intake's
// streams have no consumer, so nothing trims them; left to grow through the rounds, they would
// make Redis rewrite its append-only file in the middle of later phases.
void DropStreams(const std::string& pg_url, const std::string& redis_url,
                 const std::string& prefix);

}  // namespace hotline::bench
