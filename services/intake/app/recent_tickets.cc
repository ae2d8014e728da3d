#include "services/intake/app/recent_tickets.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/intake/rules/text_terms.h"

namespace hotline::intake {
namespace {

// Place and category in one key; '|' is in neither a division code nor a category code.
std::string PlaceKey(const std::string& region, const std::string& category) {
  return absl::StrCat(region, "|", category);
}

// A repeat about the same place needs a place at least as precise as a county.
bool PreciseEnough(const std::string& region) { return region.size() >= 6; }

bool Older(const RecentTicket* a, const RecentTicket* b) {
  return a->created_at != b->created_at ? a->created_at < b->created_at : a->id < b->id;
}

}  // namespace

void RecentTickets::Insert(Bucket& bucket, const RecentTicket* ticket) {
  // Tickets mostly arrive newest last: search from the end.
  auto at = bucket.end();
  while (at != bucket.begin() && Older(ticket, *(at - 1))) --at;
  bucket.insert(at, ticket);
}

bool RecentTickets::DropBefore(Bucket& bucket, absl::Time cutoff) {
  auto first_kept = std::find_if(bucket.begin(), bucket.end(),
                                 [&](const RecentTicket* t) { return t->created_at >= cutoff; });
  bucket.erase(bucket.begin(), first_kept);
  return bucket.empty();
}

void RecentTickets::Add(RecentTicket ticket) {
  auto owned = std::make_unique<RecentTicket>(std::move(ticket));
  const RecentTicket* t = owned.get();
  absl::MutexLock lock(&mu_);
  if (!by_id_.try_emplace(t->id, std::move(owned)).second) return;
  by_age_.emplace(t->created_at, t->id);
  if (!t->phone.empty()) Insert(by_phone_[t->phone], t);
  if (PreciseEnough(t->region)) Insert(by_place_[PlaceKey(t->region, t->category)], t);
}

void RecentTickets::Expire(absl::Time now) {
  // Oldest first, and a bounded number per hold of the lock, so that writers comparing their
  // submissions are never held up long; only the expired tickets' buckets are touched.
  constexpr int kPerHold = 1024;
  const absl::Time cutoff = now - window_;
  for (bool more = true; more;) {
    absl::MutexLock lock(&mu_);
    for (int n = 0; n < kPerHold; ++n) {
      more = !by_age_.empty() && by_age_.begin()->first < cutoff;
      if (!more) break;
      auto it = by_id_.find(by_age_.begin()->second);
      by_age_.erase(by_age_.begin());
      if (it == by_id_.end()) continue;
      const RecentTicket& t = *it->second;
      if (auto phone = by_phone_.find(t.phone);
          phone != by_phone_.end() && DropBefore(phone->second, cutoff)) {
        by_phone_.erase(phone);
      }
      if (auto place = by_place_.find(PlaceKey(t.region, t.category));
          place != by_place_.end() && DropBefore(place->second, cutoff)) {
        by_place_.erase(place);
      }
      by_id_.erase(it);
    }
  }
}

std::vector<SimilarTicket> RecentTickets::Similar(const DuplicateProbe& probe, absl::Time now,
                                                  int per_basis, double min_similarity) const {
  std::vector<SimilarTicket> found;
  if (probe.terms.empty()) return found;
  const absl::Time cutoff = now - window_;
  absl::ReaderMutexLock lock(&mu_);
  // Newest first, at most per_basis of them, skipping those `skip` rules out.
  auto scan = [&](const Bucket& bucket, bool same_caller, auto skip) {
    int taken = 0;
    for (auto it = bucket.rbegin(); it != bucket.rend() && taken < per_basis; ++it) {
      const RecentTicket& t = **it;
      if (t.created_at < cutoff) break;
      if (skip(t)) continue;
      ++taken;
      const double similarity = Jaccard(probe.terms, t.terms);
      if (similarity >= min_similarity) {
        found.push_back({t.id, t.number, same_caller, similarity});
      }
    }
  };
  if (!probe.phone.empty()) {
    if (auto it = by_phone_.find(probe.phone); it != by_phone_.end()) {
      scan(it->second, true, [](const RecentTicket&) { return false; });
    }
  }
  if (PreciseEnough(probe.region)) {
    if (auto it = by_place_.find(PlaceKey(probe.region, probe.category)); it != by_place_.end()) {
      scan(it->second, false, [&](const RecentTicket& t) { return t.phone == probe.phone; });
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const SimilarTicket& a, const SimilarTicket& b) {
    return a.similarity > b.similarity;
  });
  return found;
}

size_t RecentTickets::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return by_id_.size();
}

bool RecentTickets::Contains(int64_t id) const {
  absl::ReaderMutexLock lock(&mu_);
  return by_id_.contains(id);
}

}  // namespace hotline::intake
