#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "libs/common/transaction.h"
#include "services/reporting/rules/catalogue.h"

namespace hotline::reporting {

// The indicator catalogue (reporting_catalogue_versions, reporting_indicators). The calendars its
// working-time indicators name are supervision's (libs/calendar_table).
class CatalogueStore {
 public:
  virtual ~CatalogueStore() = default;
  // The version in force on `day` (the latest effective on or before it; the first version for
  // days before any). FAILED_PRECONDITION when there is none or a row does not parse.
  virtual absl::StatusOr<Catalogue> EffectiveOn(Transaction& tx, absl::CivilDay day) = 0;
  // The code of the calendar the version in force on `day` names, without reading its
  // indicators. FAILED_PRECONDITION when there is no version.
  virtual absl::StatusOr<std::string> CalendarOn(Transaction& tx, absl::CivilDay day) = 0;
  // The response limits (响应率) of the version in force on `day`, without reading its
  // indicators. FAILED_PRECONDITION when there is no version.
  virtual absl::StatusOr<ResponseLimits> ResponseLimitsOn(Transaction& tx, absl::CivilDay day) = 0;
};

}  // namespace hotline::reporting
