#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "libs/calendar/business_calendar.h"
#include "libs/common/ttl_cache.h"
#include "services/supervision/rules/deadline_rules.h"

namespace hotline::supervision {

// Policies, the escalation rungs and the calendars, as one consistent read.
struct Settings {
  std::vector<PolicyRow> policies;
  Rungs rungs;
  // A calendar that does not parse is null: policies using it fail, the others keep working.
  absl::flat_hash_map<std::string, std::shared_ptr<const calendar::BusinessCalendar>> calendars;

  // FAILED_PRECONDITION when the policy names a calendar that is not there or does not parse.
  absl::StatusOr<const calendar::BusinessCalendar*> Calendar(const std::string& code) const;
  // The policy for a matter, or FAILED_PRECONDITION when none applies (there is a catch-all in
  // the seed; an operator removing it gets this).
  absl::StatusOr<const PolicyRow*> PolicyFor(int kind, int urgency,
                                             const std::string& category) const;
};

// Settings kept for --settings_ttl; edits through this replica's admin RPCs invalidate at once.
using SettingsCache = TtlCache<Settings>;

}  // namespace hotline::supervision
