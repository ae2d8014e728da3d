#pragma once

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/common/ttl_cache.h"
#include "services/routing/rules/routing_rules.h"
#include "services/routing/store/delegated_region_source.h"

namespace hotline::routing {

// The places another instance serves, kept for `ttl`: a prefecture that gets (or loses) its own
// instance in transfer's topology is routed accordingly within it, without a restart.
class DelegatedRegions {
 public:
  DelegatedRegions(const DelegatedRegionSource& source, absl::Duration ttl, const Clock& clock)
      : cache_([&source] { return source.Load(); }, ttl, clock) {}

  absl::StatusOr<std::shared_ptr<const std::vector<DelegatedRegion>>> Current() {
    return cache_.Get();
  }

 private:
  TtlCache<std::vector<DelegatedRegion>> cache_;
};

}  // namespace hotline::routing
