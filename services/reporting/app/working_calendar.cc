#include "services/reporting/app/working_calendar.h"

#include "absl/strings/str_cat.h"
#include "libs/calendar/calendar_text.h"

namespace hotline::reporting {

absl::StatusOr<calendar::BusinessCalendar> LoadWorkingCalendar(TransactionRunner& transactions,
                                                               CatalogueStore& catalogue,
                                                               absl::CivilDay day) {
  absl::StatusOr<std::string> text =
      transactions.RunFor<std::string>([&](Transaction& tx) -> absl::StatusOr<std::string> {
        absl::StatusOr<Catalogue> c = catalogue.EffectiveOn(tx, day);
        if (!c.ok()) return c.status();
        return catalogue.CalendarText(tx, c->calendar);
      });
  if (!text.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the catalogue's working calendar: ", text.status().message()));
  }
  absl::StatusOr<calendar::BusinessCalendar> parsed = calendar::ParseCalendar(*text);
  if (!parsed.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the catalogue's working calendar does not parse: ", parsed.status().message()));
  }
  return parsed;
}

}  // namespace hotline::reporting
