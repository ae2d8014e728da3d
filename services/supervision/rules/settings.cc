#include "services/supervision/rules/settings.h"

#include "absl/strings/str_cat.h"

namespace hotline::supervision {

absl::StatusOr<const calendar::BusinessCalendar*> Settings::Calendar(
    const std::string& code) const {
  auto it = calendars.find(code);
  if (it == calendars.end() || it->second == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("calendar ", code, " is missing or does not parse"));
  }
  return it->second.get();
}

absl::StatusOr<const PolicyRow*> Settings::PolicyFor(int kind, int urgency,
                                                     const std::string& category) const {
  const PolicyRow* policy = ChoosePolicy(policies, kind, urgency, category);
  if (policy == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("no deadline policy applies to category ", category));
  }
  return policy;
}

}  // namespace hotline::supervision
