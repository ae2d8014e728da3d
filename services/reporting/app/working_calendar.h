#pragma once

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "libs/calendar/business_calendar.h"
#include "libs/common/transaction.h"
#include "services/reporting/store/catalogue_store.h"

namespace hotline::reporting {

// The calendar the catalogue in force on `day` names for working-time indicators, parsed.
// FAILED_PRECONDITION when it is missing or does not parse.
absl::StatusOr<calendar::BusinessCalendar> LoadWorkingCalendar(TransactionRunner& transactions,
                                                               CatalogueStore& catalogue,
                                                               absl::CivilDay day);

}  // namespace hotline::reporting
