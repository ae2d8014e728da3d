#include "services/reporting/app/rollup_status.h"

#include <string>
#include <vector>

#include "services/reporting/rules/event_deltas.h"

namespace hotline::reporting {

absl::StatusOr<RollupStatusView> RollupStatusQuery::Get() {
  std::vector<std::string> types;
  for (absl::string_view t : CountedEventTypes()) types.emplace_back(t);
  return transactions_.RunFor<RollupStatusView>(
      [&](Transaction& tx) -> absl::StatusOr<RollupStatusView> {
        RollupStatusView view;
        view.last_event_at = history_.NewestEventAt(tx, types);
        view.last_applied_at = tables_.LastApplied(tx);
        if (view.last_event_at && view.last_applied_at) {
          view.lag = std::max(absl::ZeroDuration(), *view.last_event_at - *view.last_applied_at);
        } else if (view.last_event_at) {
          view.lag = std::max(absl::ZeroDuration(), clock_.Now() - *view.last_event_at);
        }
        if (drift_ != nullptr) view.drift = drift_->Last();
        return view;
      });
}

}  // namespace hotline::reporting
