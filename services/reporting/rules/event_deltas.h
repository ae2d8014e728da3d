#pragma once

#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "hotline/common/v1/event.pb.h"
#include "libs/calendar/business_calendar.h"
#include "services/reporting/rules/response_limits.h"
#include "services/reporting/rules/ticket_facts.h"

namespace hotline::reporting {

// What an event is judged with: the zone that decides its day, and the calendar of working time.
struct DeltaContext {
  absl::TimeZone zone;
  const calendar::BusinessCalendar* calendar = nullptr;  // null: natural time
  ResponseLimits response_limits;                        // the catalogue's, for a first contact
};

// What one event changes: the ticket's facts after it and the counts to add.
struct EventOutcome {
  TicketFacts facts;
  std::vector<Delta> deltas;
  bool changed = false;  // false: the event was old (version) or says nothing reporting counts
};

// The pure heart of reporting: an event of the ticket stream and the ticket's facts before it →
// the facts after it and the counter deltas (see the README's table of events). An event whose
// ticket_version is not newer than the facts' changes nothing, so a redelivery or a replay over
// live rows counts once. Deltas fall on the event's local day; the unit is the lead unit when
// the event happens, except for what is counted against another unit (a return, a deadline step).
EventOutcome ApplyEvent(const hotline::common::v1::EventEnvelope& event, const TicketFacts& before,
                        const DeltaContext& context);

// The event types ApplyEvent may count; the consumer acknowledges the others unread.
absl::Span<const absl::string_view> CountedEventTypes();
bool CountsEvent(const hotline::common::v1::EventEnvelope& event);
// Whether ApplyEvent measures working time for `event` (a closing: its handling time), so that
// the calendar is read only then.
bool CountsWorkingTime(const hotline::common::v1::EventEnvelope& event);
// Whether ApplyEvent judges `event` against the catalogue's response limits (a first contact).
bool CountsResponse(const hotline::common::v1::EventEnvelope& event);

}  // namespace hotline::reporting
