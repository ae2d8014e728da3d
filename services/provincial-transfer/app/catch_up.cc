#include "services/provincial-transfer/app/catch_up.h"

#include "libs/common/log.h"
#include "services/provincial-transfer/rules/delivery_rules.h"

namespace hotline::transfer {

absl::StatusOr<int> CatchUp::Run(const PeerConfig& peer) {
  PullRequest request{"", options_.page, {}};
  int taken = 0, refused = 0;
  for (int pages = 0;; ++pages) {
    if (pages == options_.max_pages) {
      // Only to hand back what was taken: the rest waits for the peer's push.
      request.limit = 1;
    }
    absl::StatusOr<PulledPage> page = transport_.Pull(peer, request, options_.timeout);
    if (!page.ok()) return page.status();
    request.taken.clear();
    if (page->envelopes.empty() || pages == options_.max_pages) break;
    for (size_t i = 0; i < page->envelopes.size(); ++i) {
      absl::StatusOr<DeliveryResult> result = receiving_.Deliver(peer, page->envelopes[i]);
      if (result.ok()) {
        request.taken.push_back(page->message_ids[i]);
        ++taken;
        continue;
      }
      if (ClassifyAttempt(result.status().code()) == AttemptVerdict::kRetry) {
        return result.status();
      }
      ++refused;
    }
    request.cursor = page->next_cursor;
  }
  if (refused > 0) {
    log::Warning("transfer refused messages pulled from a peer; its sender dead-letters them",
                 {{"peer", peer.instance_code}, {"messages", refused}});
  }
  return taken;
}

}  // namespace hotline::transfer
