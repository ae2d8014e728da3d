#include "services/provincial-transfer/app/catch_up.h"

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "libs/common/log.h"
#include "services/provincial-transfer/rules/delivery_rules.h"

namespace hotline::transfer {

CatchUp::PageOutcome CatchUp::ApplyPage(const PeerConfig& peer, const PulledPage& page) {
  // Each ticket's messages in their order on one thread; different tickets side by side.
  std::map<std::string, std::vector<size_t>> streams;
  for (size_t i = 0; i < page.envelopes.size(); ++i) {
    streams[page.envelopes[i].origin_ticket_number()].push_back(i);
  }
  std::vector<const std::vector<size_t>*> work;
  for (const auto& [ticket, indexes] : streams) work.push_back(&indexes);

  PageOutcome outcome;
  std::mutex mu;
  std::atomic<size_t> next{0};
  auto apply = [&] {
    for (size_t w = next++; w < work.size(); w = next++) {
      for (size_t i : *work[w]) {
        absl::StatusOr<DeliveryResult> result = receiving_.Deliver(peer, page.envelopes[i]);
        std::lock_guard<std::mutex> lock(mu);
        if (result.ok()) {
          outcome.taken.push_back(page.message_ids[i]);
        } else if (ClassifyAttempt(result.status().code()) == AttemptVerdict::kRetry) {
          outcome.unavailable = result.status();
          break;  // this instance cannot take messages now; the stream's later ones wait
        } else {
          ++outcome.refused;
        }
      }
    }
  };
  std::vector<std::thread> threads;
  const size_t parallel = std::min<size_t>(std::max(1, options_.parallel), work.size());
  for (size_t t = 1; t < parallel; ++t) threads.emplace_back(apply);
  apply();
  for (std::thread& t : threads) t.join();
  return outcome;
}

absl::StatusOr<int> CatchUp::Run(const PeerConfig& peer) {
  PullRequest request{"", options_.page, {}};
  int taken = 0, refused = 0;
  for (int pages = 0;; ++pages) {
    if (pages == options_.max_pages) {
      // Only to hand back what was taken: the rest waits for the next catch-up or the push.
      request.limit = 1;
    }
    absl::StatusOr<PulledPage> page = transport_.Pull(peer, request, options_.timeout);
    if (!page.ok()) return page.status();
    request.taken.clear();
    if (page->envelopes.empty() || pages == options_.max_pages) break;
    PageOutcome outcome = ApplyPage(peer, *page);
    taken += static_cast<int>(outcome.taken.size());
    refused += outcome.refused;
    // What was taken before a failure stays taken: the peer's push finds it a duplicate.
    if (!outcome.unavailable.ok()) return outcome.unavailable;
    request.taken = std::move(outcome.taken);
    request.cursor = page->next_cursor;
  }
  if (refused > 0) {
    log::Warning("transfer refused messages pulled from a peer; its sender dead-letters them",
                 {{"peer", peer.instance_code}, {"messages", refused}});
  }
  return taken;
}

}  // namespace hotline::transfer
