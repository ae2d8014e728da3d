#include "libs/calendar_table/calendar_cache.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "libs/calendar/calendar_text.h"

namespace hotline::calendar {

absl::StatusOr<std::shared_ptr<const BusinessCalendar>> CalendarCache::Get(Transaction& tx,
                                                                           absl::string_view code) {
  absl::StatusOr<std::optional<std::string>> text = table_.Text(tx, code);
  if (!text.ok()) return text.status();
  if (!text->has_value()) {
    return absl::FailedPreconditionError(absl::StrCat("there is no calendar ", code));
  }
  {
    absl::MutexLock lock(&mu_);
    auto it = parsed_.find(code);
    if (it != parsed_.end() && it->second.text == **text) return it->second.calendar;
  }
  absl::StatusOr<BusinessCalendar> parsed = ParseCalendar(**text);
  if (!parsed.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("calendar ", code, " does not parse: ", parsed.status().message()));
  }
  auto calendar = std::make_shared<const BusinessCalendar>(*std::move(parsed));
  absl::MutexLock lock(&mu_);
  parsed_[std::string(code)] = Parsed{**std::move(text), calendar};
  return calendar;
}

}  // namespace hotline::calendar
