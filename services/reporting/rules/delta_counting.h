#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/reporting/rules/event_deltas.h"

namespace hotline::reporting {

// For the rules' own files: collects one event's deltas, on the event's local day.
class Counting {
 public:
  Counting(EventOutcome& out, absl::Time at, const DeltaContext& context)
      : out_(out), at_(at), day_(absl::ToCivilDay(at, context.zone)) {}

  void Add(Counter counter, int64_t amount = 1, std::string detail = "") {
    AddFor(out_.facts.dims, counter, amount, std::move(detail));
  }
  void AddFor(const Dimensions& dims, Counter counter, int64_t amount = 1,
              std::string detail = "") {
    out_.deltas.push_back({day_, dims, counter, std::move(detail), amount});
  }
  // The same cell with another unit: what is counted against the unit that did it.
  void AddForUnit(const std::string& unit_id, Counter counter) {
    Dimensions dims = out_.facts.dims;
    if (!unit_id.empty()) dims.unit_id = unit_id;
    AddFor(dims, counter);
  }
  absl::Time at() const { return at_; }

 private:
  EventOutcome& out_;
  const absl::Time at_;
  const absl::CivilDay day_;
};

}  // namespace hotline::reporting
