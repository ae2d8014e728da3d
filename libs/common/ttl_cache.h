#pragma once

#include <functional>
#include <memory>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"

namespace hotline {

// A value read from its source (a catalogue, a service's settings) and kept for `ttl`: operators
// change the source without a restart, every replica sees the change within the ttl, and a write
// through this replica calls Invalidate to see it at once. Readers share one immutable copy.
template <typename T>
class TtlCache {
 public:
  using Loader = std::function<absl::StatusOr<T>()>;

  TtlCache(Loader load, absl::Duration ttl, const Clock& clock)
      : load_(std::move(load)), ttl_(ttl), clock_(clock) {}

  // The value, loaded again when older than the ttl. Two threads finding it stale may both load;
  // the later copy wins, which is harmless for a read-only snapshot.
  absl::StatusOr<std::shared_ptr<const T>> Get() {
    if (std::shared_ptr<const T> fresh = Fresh()) return fresh;
    absl::StatusOr<T> loaded = load_();
    if (!loaded.ok()) return loaded.status();
    auto value = std::make_shared<const T>(*std::move(loaded));
    absl::MutexLock lock(&mu_);
    current_ = value;
    loaded_at_ = clock_.Now();
    return value;
  }

  // The value if it is within the ttl, else null. Never loads, so threads that must not block
  // (gRPC callbacks) use it and leave a reload to a thread that may.
  std::shared_ptr<const T> Fresh() const {
    absl::MutexLock lock(&mu_);
    if (current_ != nullptr && clock_.Now() - loaded_at_ < ttl_) return current_;
    return nullptr;
  }

  // The next Get loads again.
  void Invalidate() {
    absl::MutexLock lock(&mu_);
    loaded_at_ = absl::InfinitePast();
  }

 private:
  const Loader load_;
  const absl::Duration ttl_;
  const Clock& clock_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const T> current_ ABSL_GUARDED_BY(mu_);
  absl::Time loaded_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

}  // namespace hotline
