#include "libs/service/token_cache.h"

#include <algorithm>

namespace hotline::service {

const TokenCache::Entry* TokenCache::Lru::Find(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);  // now the most recently used
  return &it->second->second;
}

void TokenCache::Lru::Put(const std::string& key, Entry entry) {
  auto it = index_.find(key);
  if (it != index_.end()) {
    it->second->second = std::move(entry);
    order_.splice(order_.begin(), order_, it->second);
    return;
  }
  while (!order_.empty() && index_.size() >= capacity_) {
    index_.erase(order_.back().first);
    order_.pop_back();
  }
  order_.emplace_front(key, std::move(entry));
  index_[key] = order_.begin();
}

void TokenCache::Lru::Erase(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return;
  order_.erase(it->second);
  index_.erase(it);
}

TokenCache::TokenCache(absl::Duration ttl, Limits limits)
    : ttl_(ttl),
      accepted_(std::max<size_t>(1, limits.max_accepted)),
      refused_(std::max<size_t>(1, limits.max_refused)) {}

std::optional<absl::StatusOr<Principal>> TokenCache::Find(const std::string& token_hash,
                                                          absl::Time now) {
  absl::MutexLock lock(&mu_);
  for (Lru* list : {&accepted_, &refused_}) {
    const Entry* entry = list->Find(token_hash);
    if (entry == nullptr) continue;
    if (entry->expires > now) return entry->result;
    list->Erase(token_hash);  // stale: the next check asks the database again
  }
  return std::nullopt;
}

void TokenCache::Put(const std::string& token_hash, absl::StatusOr<Principal> result,
                     absl::Time now) {
  absl::MutexLock lock(&mu_);
  // A token lives in one list only: a revoked token leaves the accepted list, and the reverse.
  if (result.ok()) {
    refused_.Erase(token_hash);
    accepted_.Put(token_hash, Entry{std::move(result), now + ttl_});
  } else {
    accepted_.Erase(token_hash);
    refused_.Put(token_hash, Entry{std::move(result), now + ttl_});
  }
}

size_t TokenCache::accepted_size() const {
  absl::MutexLock lock(&mu_);
  return accepted_.size();
}

size_t TokenCache::refused_size() const {
  absl::MutexLock lock(&mu_);
  return refused_.size();
}

}  // namespace hotline::service
