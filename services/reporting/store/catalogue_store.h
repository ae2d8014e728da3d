#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "libs/common/transaction.h"
#include "services/reporting/rules/catalogue.h"

namespace hotline::reporting {

// The indicator catalogue (reporting_catalogue_versions, reporting_indicators) and the calendars
// of its working-time indicators (reporting_calendars).
class CatalogueStore {
 public:
  virtual ~CatalogueStore() = default;
  // The version in force on `day` (the latest effective on or before it; the first version for
  // days before any). FAILED_PRECONDITION when there is none or a row does not parse.
  virtual absl::StatusOr<Catalogue> EffectiveOn(Transaction& tx, absl::CivilDay day) = 0;
  // The text of calendar `code` (libs/calendar/calendar_text.h); NOT_FOUND when missing.
  virtual absl::StatusOr<std::string> CalendarText(Transaction& tx, const std::string& code) = 0;
};

}  // namespace hotline::reporting
