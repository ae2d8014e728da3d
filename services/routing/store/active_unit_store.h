#pragma once

#include <string>
#include <vector>

#include "libs/common/transaction.h"

namespace hotline::routing {

// An active unit of the directory, as assigning to it needs it.
struct ActiveUnit {
  std::string id;
  std::string region_code;
};

// Reads the directory's units as stored (not the snapshot), inside a use case's transaction.
class ActiveUnitStore {
 public:
  virtual ~ActiveUnitStore() = default;
  // Which of `unit_ids` are active units; absent ids are unknown or inactive.
  virtual std::vector<ActiveUnit> Find(Transaction& tx,
                                       const std::vector<std::string>& unit_ids) const = 0;
};

class PgActiveUnitStore final : public ActiveUnitStore {
 public:
  std::vector<ActiveUnit> Find(Transaction& tx,
                               const std::vector<std::string>& unit_ids) const override;
};

}  // namespace hotline::routing
