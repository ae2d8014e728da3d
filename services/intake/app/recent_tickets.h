#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/btree_map.h"
#include "absl/container/btree_set.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace hotline::intake {

// What duplicate detection needs of an earlier ticket.
struct RecentTicket {
  int64_t id = 0;
  std::string number;
  std::string phone;     // canonical; empty for anonymous callers
  std::string region;    // division code
  std::string category;  // catalogue code
  absl::Time created_at;
  std::vector<uint64_t> terms;  // TermSignature of its content
};

// A submission looking for its earlier tickets.
struct DuplicateProbe {
  std::string phone;
  std::string region;
  std::string category;
  std::vector<uint64_t> terms;
};

struct SimilarTicket {
  int64_t id = 0;
  std::string number;
  bool same_caller = false;
  double similarity = 0;
};

// The tickets of the duplicate window, in memory, so that comparing a submission with the earlier
// ones costs no database read: the same caller's latest tickets, then the latest ones of the same
// place (division code of county level or finer) and category from other callers. Filled by
// RecentTicketsFeed. Refused tickets are never added; withdrawn and merged ones stay, so callers
// confirm a match's state in the database. Thread-safe.
class RecentTickets {
 public:
  explicit RecentTickets(absl::Duration window) : window_(window) {}

  // Adds a ticket; a ticket already held is left as it is.
  void Add(RecentTicket ticket);
  // Forgets tickets created before now - window; costs in proportion to how many.
  void Expire(absl::Time now);

  // Tickets within the window at least `min_similarity` alike, most similar first (ties: the same
  // caller before the same place, newer first), from the `per_basis` newest of each basis.
  std::vector<SimilarTicket> Similar(const DuplicateProbe& probe, absl::Time now, int per_basis,
                                     double min_similarity) const;

  size_t size() const;
  bool Contains(int64_t id) const;

 private:
  using Bucket = std::vector<const RecentTicket*>;  // by (created_at, id)
  static void Insert(Bucket& bucket, const RecentTicket* ticket);
  // Removes the bucket's entries created before `cutoff`; true when it is left empty.
  static bool DropBefore(Bucket& bucket, absl::Time cutoff);

  const absl::Duration window_;
  mutable absl::Mutex mu_;
  // B-trees, not hash maps: a hash map holding a window of hundreds of thousands of tickets
  // rehashes them all, under the lock, each time it grows (43 ms at 510,000 with every submission
  // waiting); a B-tree grows a node at a time. bench_recent_tickets measures both.
  absl::btree_map<int64_t, std::unique_ptr<RecentTicket>> by_id_ ABSL_GUARDED_BY(mu_);
  // (created_at, id) of every ticket held, oldest first: what Expire drops next.
  using Aged = std::pair<absl::Time, int64_t>;
  absl::btree_set<Aged> by_age_ ABSL_GUARDED_BY(mu_);
  absl::btree_map<std::string, Bucket> by_phone_ ABSL_GUARDED_BY(mu_);
  absl::btree_map<std::string, Bucket> by_place_ ABSL_GUARDED_BY(mu_);
};

}  // namespace hotline::intake
