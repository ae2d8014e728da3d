#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/calendar/business_calendar.h"

namespace hotline::routing {

// How long after dispatch a lead may return a ticket of a category (派单异议 window).
struct ObjectionWindowRule {
  std::string category_prefix;  // "" = every category
  int working_days = 1;
  std::string calendar;  // a business calendar's code
};

// The rule for `category`: the longest prefix that matches it whole or up to a '/'
// ("education" matches "education/school", not "educational"); nullptr when none does.
const ObjectionWindowRule* WindowRuleFor(const std::vector<ObjectionWindowRule>& rules,
                                         absl::string_view category);

// The end of the window: `working_days` working days after the local day of the dispatch, to the
// end of that day's working hours (BusinessCalendar::AddWorkingDays: the day of dispatch is not
// counted, so a dispatch at 17:55 on a Friday still leaves the unit Monday).
absl::StatusOr<absl::Time> ObjectionWindowEnd(const calendar::BusinessCalendar& calendar,
                                              absl::Time dispatched_at, int working_days);

// After this many failed dispatches (returns the office upheld) the office designates the unit.
inline constexpr int kFailedDispatchesBeforeDesignation = 3;

// Whether the office must now designate the unit rather than route the ticket again.
inline bool DesignationDue(int failed_dispatches) {
  return failed_dispatches >= kFailedDispatchesBeforeDesignation;
}

}  // namespace hotline::routing
