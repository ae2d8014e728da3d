#pragma once

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "libs/common/clock.h"
#include "services/routing/rules/directory_snapshot.h"

namespace hotline::routing {

// Where the directory snapshot comes from: the whole directory and catalogue (active rows only)
// as of one consistent moment, and the version every write to them bumps.
class DirectorySource {
 public:
  virtual ~DirectorySource() = default;
  virtual absl::StatusOr<std::shared_ptr<const DirectorySnapshot>> Load(
      const Clock& clock) const = 0;
  virtual absl::StatusOr<int64_t> StoredVersion() const = 0;
};

}  // namespace hotline::routing
