#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "libs/common/transaction.h"
#include "services/reporting/rules/counters.h"
#include "services/reporting/rules/ticket_facts.h"

namespace hotline::reporting {

// Which cells a sum covers; empty / zero / false = no restriction.
struct CellFilter {
  std::string region_prefix;  // canonical division code, a prefix at a tier boundary
  std::string unit_id;
  std::string category;  // a code, or a prefix of one at a "/" boundary
  int kind = 0;
  int channel = 0;
  int line = 0;
  bool minors_only = false;
};

// How sums are grouped. The key of a row has one place per dimension, in this order:
// region (its first region_digits digits), unit, category, kind, channel, line, minor; a place
// whose dimension is not grouped is "".
struct CellGrouping {
  int region_digits = 0;  // 0: regions not grouped
  bool unit = false;
  bool category = false;
  bool kind = false;
  bool channel = false;
  bool line = false;
  bool minor = false;
};
inline constexpr int kKeyPlaces = 7;
using CellKey = std::array<std::string, kKeyPlaces>;

struct CounterSum {
  CellKey key;
  Counter counter;
  std::string detail;
  int64_t amount = 0;
};

// The counts (reporting_counts): deltas added in the consumer's transaction, sums read over a
// day range. The rows read are bounded by days × cells, never by tickets or events.
class CounterStore {
 public:
  virtual ~CounterStore() = default;
  virtual void Add(Transaction& tx, const std::vector<Delta>& deltas) = 0;
  // Sums over [from, to] (local days), by group, counter and detail. `only` (when set) limits
  // the counters read.
  virtual std::vector<CounterSum> Sum(Transaction& tx, absl::CivilDay from, absl::CivilDay to,
                                      const CellFilter& filter, const CellGrouping& grouping,
                                      const std::vector<Counter>& only) = 0;
};

}  // namespace hotline::reporting
