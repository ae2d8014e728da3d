#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/calendar_table/calendar_cache.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/routing/app/dispatcher.h"
#include "services/routing/app/office_actions.h"
#include "services/routing/store/objection_store.h"

namespace hotline::routing {

struct ObjectionQuery {
  ObjectionFilter filter;  // region_prefix "" = the office's whole jurisdiction
  std::optional<absl::Duration> min_age;
  int page_size = 0;  // 0 = 50
  std::string page_token;
};

struct ObjectionPage {
  std::vector<hotline::routing::v1::Objection> objections;
  std::string next_page_token;
  int64_t total = 0;
};

struct DecideObjectionCommand {
  int64_t objection_id = 0;
  hotline::routing::v1::ObjectionDecision decision =
      hotline::routing::v1::OBJECTION_DECISION_UNSPECIFIED;
  std::string reason;
};

struct ObjectionOutcome {
  hotline::routing::v1::Objection objection;
  hotline::common::v1::TicketState ticket_state = hotline::common::v1::TICKET_STATE_UNSPECIFIED;
  std::optional<hotline::routing::v1::RoutingDecision> decision;  // upheld: where it went
};

struct DesignateCommand {
  std::string ticket_number;
  std::string unit_id;
  std::string reason;
};

// The hotline office's review of units' objections to dispatches (派单异议审核), within its
// jurisdiction: the pending objections, the decision on each (upheld: the unit's part returned
// and the ticket routed again, or queued for designation after three failed dispatches;
// rejected: the unit must handle it), the designation of a unit (指定), and the return windows.
class ObjectionReview {
 public:
  ObjectionReview(TransactionRunner& transactions, const Dispatcher& dispatcher,
                  const ObjectionStore& objections, calendar::CalendarCache& calendars,
                  const Clock& clock)
      : transactions_(transactions),
        dispatcher_(dispatcher),
        objections_(objections),
        calendars_(calendars),
        clock_(clock) {}

  // Oldest first, with the count of every pending objection matching the filters.
  absl::StatusOr<ObjectionPage> List(const hotline::common::v1::Actor& office,
                                     const ObjectionQuery& query);
  // Only a pending objection whose assignment is still live (not signed, reassigned, withdrawn).
  absl::StatusOr<ObjectionOutcome> Decide(const hotline::common::v1::Actor& office,
                                          const DecideObjectionCommand& command);
  // A ticket waiting for dispatch after at least three failed dispatches goes to `unit_id` as
  // lead; that unit cannot return it.
  absl::StatusOr<DispatchOutcome> Designate(const hotline::common::v1::Actor& office,
                                            const DesignateCommand& command);

  absl::StatusOr<ObjectionWindowRule> SetWindow(const ObjectionWindowRule& rule);
  absl::StatusOr<std::vector<ObjectionWindowRule>> Windows();

 private:
  TransactionRunner& transactions_;
  const Dispatcher& dispatcher_;
  const ObjectionStore& objections_;
  calendar::CalendarCache& calendars_;
  const Clock& clock_;
};

}  // namespace hotline::routing
