#pragma once

#include <cstdint>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "hotline/common/v1/event.pb.h"
#include "hotline/routing/v1/routing.pb.h"
#include "services/supervision/app/supervision_context.h"
#include "services/supervision/rules/clock_engine.h"

namespace hotline::supervision {

// Starts, pauses, resumes and stops clocks as tickets move (DESIGN.md §2 "Deadlines"), inside
// the event consumer's transaction; `occurred_at` is the event's time on the system clock. A
// ticket that is gone is nothing to do.
//  * dispatched: a sign-for clock per assignment, a co-reply clock per co-handler, and the
//    handling clock when the ticket has none — it runs from the first dispatch, through returns
//    and reassignments (a unit cannot stop it by not signing);
//  * assignment changed: signed, replied, returned or withdrawn parts stop their clocks;
//  * SUSPENDED pauses every clock and resuming moves them by the pause; REPLIED pauses the
//    handling clock for review (approved at once when the policy needs no review), a send-back
//    resumes it; CLOSED / ANSWERED stop them and start the follow-up clock; REOPENED and the
//    terminal states stop them (a re-dispatch starts a new handling clock).
// Every change is announced as supervision.clocks_changed.
class ClockKeeper {
 public:
  explicit ClockKeeper(const SupervisionContext& ctx) : ctx_(ctx) {}

  absl::Status Dispatched(Transaction& tx, int64_t ticket_id,
                          const hotline::routing::v1::TicketDispatched& dispatched,
                          absl::Time occurred_at);
  absl::Status AssignmentChanged(Transaction& tx, int64_t ticket_id,
                                 const hotline::routing::v1::Assignment& assignment,
                                 absl::Time occurred_at);
  absl::Status StateChanged(Transaction& tx, int64_t ticket_id,
                            const hotline::common::v1::TicketStateChanged& changed,
                            absl::Time occurred_at);

 private:
  struct Inputs {
    const hotline::common::v1::Ticket& ticket;
    const Settings& settings;
    const ClockEngine& engine;
    absl::Time at;  // on supervision's clock
  };
  absl::Status WithTicket(Transaction& tx, int64_t ticket_id, absl::Time occurred_at,
                          absl::FunctionRef<absl::Status(const Inputs&)> body);

  const SupervisionContext& ctx_;
};

}  // namespace hotline::supervision
