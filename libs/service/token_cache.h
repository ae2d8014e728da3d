#pragma once

#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "libs/service/principal.h"

namespace hotline::service {

// Token checks remembered for a while, keyed by token hash. Accepted tokens and refused ones
// live in two separately bounded lists, each evicting its least recently used entry one at a
// time: a flood of random tokens only churns the refused list, so it can neither wipe the cache
// nor push out the callers who hold real tokens.
class TokenCache {
 public:
  struct Limits {
    size_t max_accepted = 20000;
    size_t max_refused = 20000;
  };
  TokenCache(absl::Duration ttl, Limits limits);

  // The remembered answer for `token_hash`, if one is younger than the ttl.
  std::optional<absl::StatusOr<Principal>> Find(const std::string& token_hash, absl::Time now);
  // Remembers `result` (a principal, or the refusal) until now + ttl.
  void Put(const std::string& token_hash, absl::StatusOr<Principal> result, absl::Time now);

  size_t accepted_size() const;
  size_t refused_size() const;

 private:
  struct Entry {
    absl::StatusOr<Principal> result;
    absl::Time expires;
  };
  // One bounded least-recently-used list: the front is the newest.
  class Lru {
   public:
    explicit Lru(size_t capacity) : capacity_(capacity) {}
    const Entry* Find(const std::string& key);
    void Put(const std::string& key, Entry entry);
    void Erase(const std::string& key);
    size_t size() const { return index_.size(); }

   private:
    using Order = std::list<std::pair<std::string, Entry>>;
    size_t capacity_;
    Order order_;
    absl::flat_hash_map<std::string, Order::iterator> index_;
  };

  const absl::Duration ttl_;
  mutable absl::Mutex mu_;
  Lru accepted_ ABSL_GUARDED_BY(mu_);
  Lru refused_ ABSL_GUARDED_BY(mu_);
};

}  // namespace hotline::service
