#pragma once

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/calendar_table/calendar_cache.h"
#include "libs/common/transaction.h"
#include "services/routing/store/objection_store.h"

namespace hotline::routing {

struct ReturnWindow {
  absl::Time ends_at;
  int working_days = 0;
};

// When a unit may no longer return an assignment (派单异议 window): the category's rule of
// routing_objection_windows (1 working day when no rule matches) counted on supervision's
// business calendar from the dispatch. Both are read in the caller's transaction, so an office's
// edit counts from the next return on.
class ReturnWindows {
 public:
  ReturnWindows(const ObjectionStore& objections, calendar::CalendarCache& calendars)
      : objections_(objections), calendars_(calendars) {}

  // FAILED_PRECONDITION when the rule's calendar is missing or does not cover the dispatch.
  absl::StatusOr<ReturnWindow> Of(Transaction& tx,
                                  const hotline::routing::v1::Assignment& assignment) const;

 private:
  const ObjectionStore& objections_;
  calendar::CalendarCache& calendars_;
};

}  // namespace hotline::routing
