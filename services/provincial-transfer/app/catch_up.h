#pragma once

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/provincial-transfer/app/peer_sender.h"
#include "services/provincial-transfer/app/receiving.h"

namespace hotline::transfer {

struct CatchUpOptions {
  int page = 200;       // messages asked for at once
  int max_pages = 500;  // then the rest waits for the next catch-up or the peer's push
  int parallel = 8;     // tickets applied side by side (each ticket's messages in order)
  absl::Duration timeout = absl::Seconds(5);  // one page
};

// The pulling side of catch-up: asks a peer for what it still holds for this instance, page by
// page, and applies each message through the inbox exactly as a delivery (Receiving::Deliver);
// the ones taken in (applied or held) are named in the next request, so the peer records them
// delivered. A page's tickets are applied side by side, each ticket's messages in order. A message
// refused here (INVALID_ARGUMENT, PERMISSION_DENIED, FAILED_PRECONDITION) is left to the peer's
// sender, which dead-letters it with the reason.
class CatchUp {
 public:
  CatchUp(PeerTransport& transport, Receiving& receiving, CatchUpOptions options = {})
      : transport_(transport), receiving_(receiving), options_(options) {}

  // How many messages were taken in; the transport's error when the peer cannot be asked, or
  // this instance's when it cannot take a message in now (what was taken stays taken).
  absl::StatusOr<int> Run(const PeerConfig& peer);

 private:
  struct PageOutcome {
    std::vector<int64_t> taken;  // message ids
    int refused = 0;
    absl::Status unavailable;  // this instance could not take messages in
  };
  PageOutcome ApplyPage(const PeerConfig& peer, const PulledPage& page);

  PeerTransport& transport_;
  Receiving& receiving_;
  const CatchUpOptions options_;
};

}  // namespace hotline::transfer
