#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/common/transaction.h"
#include "services/reporting/rules/ticket_facts.h"

namespace hotline::reporting {

// A cell's counts on one day: (counter, detail) → amount.
using CellAmounts = std::map<std::pair<Counter, std::string>, int64_t>;

struct SampledCell {
  Dimensions dims;
  CellAmounts live;
};

// What the drift check reads beside the event history: a sample of live cells and the tickets
// that may have counted in one.
class DriftStore {
 public:
  virtual ~DriftStore() = default;
  // Up to `limit` of the cells with counts on `day`, with their live amounts; another `seed`
  // draws another sample.
  virtual std::vector<SampledCell> SampleCells(Transaction& tx, absl::CivilDay day, int limit,
                                               int64_t seed) = 0;
  // The tickets counted under `dims` (every dimension but the unit, which moves) with an event
  // in [from, to).
  virtual std::vector<int64_t> TicketsWithEvents(Transaction& tx, const Dimensions& dims,
                                                 absl::Time from, absl::Time to) = 0;
};

}  // namespace hotline::reporting
