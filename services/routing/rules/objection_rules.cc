#include "services/routing/rules/objection_rules.h"

#include "absl/strings/match.h"

namespace hotline::routing {

const ObjectionWindowRule* WindowRuleFor(const std::vector<ObjectionWindowRule>& rules,
                                         absl::string_view category) {
  const ObjectionWindowRule* best = nullptr;
  for (const ObjectionWindowRule& rule : rules) {
    const absl::string_view prefix = rule.category_prefix;
    const bool matches = prefix.empty() || category == prefix ||
                         (absl::StartsWith(category, prefix) && category[prefix.size()] == '/');
    if (matches && (best == nullptr || prefix.size() > best->category_prefix.size())) {
      best = &rule;
    }
  }
  return best;
}

absl::StatusOr<absl::Time> ObjectionWindowEnd(const calendar::BusinessCalendar& calendar,
                                              absl::Time dispatched_at, int working_days) {
  return calendar.AddWorkingDays(dispatched_at, working_days);
}

}  // namespace hotline::routing
