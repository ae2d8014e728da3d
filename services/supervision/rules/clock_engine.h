#pragma once

#include "absl/status/statusor.h"
#include "hotline/common/v1/ticket.pb.h"
#include "services/supervision/rules/clock_row.h"
#include "services/supervision/rules/settings.h"

namespace hotline::supervision {

// What happens to a clock, computed on the clock's calendar and the settings; the caller saves
// the row. Pure apart from the settings it is given.
class ClockEngine {
 public:
  explicit ClockEngine(const Settings& settings) : settings_(settings) {}

  // A new running clock of `kind` for `ticket` under its policy, started at `start`; nullopt
  // when the policy sets no limit of that kind.
  absl::StatusOr<std::optional<ClockRow>> Start(const hotline::common::v1::Ticket& ticket,
                                                ClockKind kind, absl::Time start) const;
  // A retention clock: due `retention` after `start` (wall clock).
  absl::StatusOr<ClockRow> StartRetention(const hotline::common::v1::Ticket& ticket,
                                          absl::Time start) const;

  void Pause(ClockRow& clock, absl::Time at) const;
  // Moves due, warning and next rung by the working time the pause took.
  absl::Status Resume(ClockRow& clock, absl::Time at) const;
  // A new due time (延期): the warning is recomputed; rungs already fired stay fired.
  absl::Status Extend(ClockRow& clock, absl::Time new_due) const;
  void Stop(ClockRow& clock) const;
  // Records that `step` fired and schedules the next rung.
  absl::Status Fired(ClockRow& clock, Step step) const;
  // The rung due now for a clock the sweeper claimed.
  absl::StatusOr<Step> DueStep(const ClockRow& clock) const;

 private:
  absl::Status Schedule(ClockRow& clock) const;

  const Settings& settings_;
};

}  // namespace hotline::supervision
