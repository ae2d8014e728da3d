#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "hotline/common/v1/ticket.pb.h"
#include "services/reporting/rules/counters.h"

namespace hotline::reporting {

// The cell a ticket is counted under: codes only, never personal data.
struct Dimensions {
  std::string region_code;  // canonical division code of the matter
  std::string unit_id;      // the lead (主办) unit; "" before the first dispatch
  std::string category;
  int kind = 0;     // hotline.common.v1.TicketKind
  int channel = 0;  // hotline.common.v1.Channel
  int line = 0;     // hotline.common.v1.SourceLine
  bool involves_minor = false;

  friend bool operator==(const Dimensions& a, const Dimensions& b) {
    return a.region_code == b.region_code && a.unit_id == b.unit_id && a.category == b.category &&
           a.kind == b.kind && a.channel == b.channel && a.line == b.line &&
           a.involves_minor == b.involves_minor;
  }
};

// What reporting keeps of a ticket between its events (reporting_tickets).
struct TicketFacts {
  int64_t ticket_id = 0;
  int64_t last_version = 0;  // of the last event applied
  Dimensions dims;
  hotline::common::v1::TicketState state = hotline::common::v1::TICKET_STATE_UNSPECIFIED;
  bool counted_open = false;  // an open +1 is outstanding for this ticket
  bool dispatched = false;
  int64_t lead_assignment_id = 0;
  std::optional<absl::Time> sign_due;
  bool sign_late = false;  // OVERDUE fired on the lead's sign-for clock
  std::optional<absl::Time> handling_started;
  std::optional<absl::Time> handling_due;
  bool handling_late = false;  // OVERDUE fired on the handling clock of this round
  std::optional<absl::Time> replied;
};

// The facts of a ticket read from the ticket core, for an event whose ticket.created reporting
// never saw: its dimensions, and nothing counted yet.
TicketFacts FactsFromTicket(const hotline::common::v1::Ticket& ticket);

// One change to a count.
struct Delta {
  absl::CivilDay day;
  Dimensions dims;
  Counter counter;
  std::string detail;
  int64_t amount = 1;
};

}  // namespace hotline::reporting
