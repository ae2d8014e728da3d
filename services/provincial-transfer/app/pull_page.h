#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hotline/transfer/v1/transfer.pb.h"

namespace hotline::transfer {

// Catch-up by pull (TransferPeer.PullUpdates): what a peer asks for and what it gets.
struct PullRequest {
  std::string cursor;          // "" from the start
  int limit = 0;               // 0: the default page
  std::vector<int64_t> taken;  // message ids of earlier pages the caller took in
};

struct PulledPage {
  std::vector<v1::PeerEnvelope> envelopes;
  std::vector<int64_t> message_ids;  // the same order as `envelopes`
  std::string next_cursor;
};

}  // namespace hotline::transfer
