#pragma once

#include <pqxx/transaction>

#include "absl/status/status.h"
#include "hotline/common/v1/event.pb.h"
#include "services/deadline-supervision/supervision_context.h"

namespace hotline::supervision {

// Which events the "supervision" consumer group acts on; the rest are acknowledged unread.
bool SupervisionWants(const hotline::common::v1::EventEnvelope& event);

// Starts, pauses, resumes and stops clocks as tickets move (DESIGN.md §2 "Deadlines"):
//  * routing.dispatched: a sign-for clock per assignment, a co-reply clock per co-handler, and
//    the handling clock when the ticket has none — it runs from the first dispatch, through
//    returns and reassignments (a unit cannot stop it by not signing);
//  * routing.assignment_changed: signed, replied, returned or withdrawn parts stop their clocks;
//  * SUSPENDED pauses every clock and resuming moves them by the pause; REPLIED pauses the
//    handling clock for review (approved at once when the policy needs no review), a send-back
//    resumes it; CLOSED / ANSWERED stop them and start the follow-up clock; REOPENED and the
//    terminal states stop them (a re-dispatch starts a new handling clock).
// Every change is announced as supervision.clocks_changed.
absl::Status HandleTicketEvent(const SupervisionContext& ctx,
                               const hotline::common::v1::EventEnvelope& event, pqxx::work& tx);

}  // namespace hotline::supervision
