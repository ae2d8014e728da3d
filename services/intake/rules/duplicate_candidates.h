#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/time/time.h"
#include "services/intake/app/recent_tickets.h"

namespace hotline::intake {

struct DuplicatePolicy {
  absl::Duration window = absl::Hours(72);
  // Jaccard similarity of the contents' search terms from which two tickets look alike.
  double min_similarity = 0.5;
  // The most recent tickets compared, per basis.
  int max_candidates = 20;
};

struct DuplicateMatch {
  int64_t earlier_ticket_id = 0;
  std::string earlier_ticket_number;
  std::string basis;  // "same_caller" | "same_place"
  double similarity = 0;
};

// For each new ticket (not yet stored), the earlier tickets within the window from the same
// caller phone, or from the same place (the same division code at county level or finer, and the
// same category), whose content is at least min_similarity alike: the best few of `recent`, to be
// confirmed in the database (an entry may come from a transaction that rolled back, or have been
// withdrawn or merged since).
struct DuplicateCandidates {
  std::vector<std::vector<SimilarTicket>> per_probe;  // best first
  std::vector<int64_t> ids;                           // of them all
};
DuplicateCandidates FindDuplicateCandidates(const std::vector<DuplicateProbe>& probes,
                                            const RecentTickets& recent,
                                            const DuplicatePolicy& policy, absl::Time now);

// Each probe's best candidate among `repeatable` (the candidate ids whose tickets may still be
// repeated: not refused, withdrawn or merged).
std::vector<std::optional<DuplicateMatch>> ConfirmedDuplicates(
    const DuplicateCandidates& candidates, const absl::flat_hash_set<int64_t>& repeatable);

}  // namespace hotline::intake
