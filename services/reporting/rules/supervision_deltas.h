#pragma once

#include "hotline/supervision/v1/supervision.pb.h"
#include "services/reporting/rules/delta_counting.h"

namespace hotline::reporting {

// What supervision's events count and tell (rules/event_deltas.h has the table).

// Due times of the handling clock and of the lead's sign-for clock, for the on-time judgements.
void ApplyClocksChanged(const hotline::supervision::v1::ClocksChanged& changed, TicketFacts& facts);
// A rung of the ladder, counted against the clock's unit; OVERDUE marks the part late.
void ApplyDeadlineStep(const hotline::supervision::v1::DeadlineStep& step, TicketFacts& facts,
                       Counting& count);
// A follow-up call: reached or not, resolved, the five levels.
void ApplyFollowedUp(const hotline::supervision::v1::FollowedUp& f, Counting& count);

}  // namespace hotline::reporting
