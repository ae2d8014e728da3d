#include "services/intake/rules/duplicate_candidates.h"

namespace hotline::intake {
namespace {

// The best few matches are confirmed; when all of them are gone the submission is not flagged.
constexpr size_t kConfirmedPerProbe = 3;

}  // namespace

DuplicateCandidates FindDuplicateCandidates(const std::vector<DuplicateProbe>& probes,
                                            const RecentTickets& recent,
                                            const DuplicatePolicy& policy, absl::Time now) {
  DuplicateCandidates candidates;
  for (const DuplicateProbe& probe : probes) {
    std::vector<SimilarTicket>& similar = candidates.per_probe.emplace_back(
        recent.Similar(probe, now, policy.max_candidates, policy.min_similarity));
    if (similar.size() > kConfirmedPerProbe) similar.resize(kConfirmedPerProbe);
    for (const SimilarTicket& s : similar) candidates.ids.push_back(s.id);
  }
  return candidates;
}

std::vector<std::optional<DuplicateMatch>> ConfirmedDuplicates(
    const DuplicateCandidates& candidates, const absl::flat_hash_set<int64_t>& repeatable) {
  std::vector<std::optional<DuplicateMatch>> best(candidates.per_probe.size());
  for (size_t i = 0; i < best.size(); ++i) {
    for (const SimilarTicket& s : candidates.per_probe[i]) {
      if (!repeatable.contains(s.id)) continue;
      best[i] = DuplicateMatch{s.id, s.number, s.same_caller ? "same_caller" : "same_place",
                               s.similarity};
      break;
    }
  }
  return best;
}

}  // namespace hotline::intake
