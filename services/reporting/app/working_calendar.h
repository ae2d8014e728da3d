#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "hotline/common/v1/event.pb.h"
#include "libs/calendar/business_calendar.h"
#include "libs/calendar_table/calendar_cache.h"
#include "libs/common/transaction.h"
#include "services/reporting/rules/event_deltas.h"
#include "services/reporting/store/catalogue_store.h"

namespace hotline::reporting {

// What one event is judged with; `calendar` keeps the context's calendar alive.
struct Judgement {
  DeltaContext context;
  std::shared_ptr<const calendar::BusinessCalendar> calendar;
};

// The working calendar of the rollups (and, for a first contact with the caller, the response
// limits of the catalogue in force on its local day): the calendar the catalogue in force on an
// event's local day names, as deadline supervision keeps it (one source: an operator's edited
// holiday counts from the next event on, and RebuildRollups restates what was counted before). Read
// in the caller's transaction, and only for events whose rules count working time.
class WorkingCalendar {
 public:
  // Natural time: no calendar is read.
  explicit WorkingCalendar(absl::TimeZone zone) : zone_(zone) {}
  WorkingCalendar(absl::TimeZone zone, CatalogueStore& catalogue,
                  calendar::CalendarCache& calendars)
      : zone_(zone), catalogue_(&catalogue), calendars_(&calendars) {}

  // The calendar in force on `day`; FAILED_PRECONDITION when it is missing or does not parse.
  absl::StatusOr<std::shared_ptr<const calendar::BusinessCalendar>> On(Transaction& tx,
                                                                       absl::CivilDay day) const;

  absl::StatusOr<Judgement> For(Transaction& tx,
                                const hotline::common::v1::EventEnvelope& event) const;

 private:
  const absl::TimeZone zone_;
  CatalogueStore* const catalogue_ = nullptr;
  calendar::CalendarCache* const calendars_ = nullptr;
};

}  // namespace hotline::reporting
