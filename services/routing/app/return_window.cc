#include "services/routing/app/return_window.h"

#include "libs/common/proto_time.h"
#include "services/routing/rules/objection_rules.h"

namespace hotline::routing {

absl::StatusOr<ReturnWindow> ReturnWindows::Of(Transaction& tx,
                                               const hotline::routing::v1::Assignment& a) const {
  static const ObjectionWindowRule kDefault{"", 1, "standard"};
  const std::vector<ObjectionWindowRule> rules = objections_.Windows(tx);
  const ObjectionWindowRule* rule = WindowRuleFor(rules, a.category());
  if (rule == nullptr) rule = &kDefault;
  auto calendar = calendars_.Get(tx, rule->calendar);
  if (!calendar.ok()) return calendar.status();
  auto end = ObjectionWindowEnd(**calendar, FromTimestamp(a.dispatched_at()), rule->working_days);
  if (!end.ok()) return end.status();
  return ReturnWindow{*end, rule->working_days};
}

}  // namespace hotline::routing
