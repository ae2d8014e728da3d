#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hotline/common/v1/event.pb.h"

namespace hotline::bench {

// A province's places and the units that handle its matters, from the statistical division codes
// in /work/shared/data/divisions (areas.csv: the counties of the province).
struct Province {
  std::string code;                   // "53"
  std::vector<std::string> counties;  // six-digit codes
};

// Reads the province's counties; Fail()s when the file or the province is missing.
Province LoadProvince(const std::string& divisions_dir, const std::string& province_code);

// The columns of a generated ticket the straightforward SQL reads (the ticket table's).
struct GeneratedTicket {
  int64_t id = 0;
  std::string region_code;
  std::string category;
  int kind = 0, channel = 0, line = 0, urgency = 0;
  bool involves_minor = false;
  absl::Time created_at;
};

// One ticket's life as the services would emit it over a year: created, then refused (5%),
// answered on the call (10%) or accepted, dispatched to a county unit of its category, signed,
// the caller contacted (mostly within a day), replied, closed and followed up at one of the five
// levels; about eight events a ticket. Deterministic in the ticket id. Tickets are created in id
// order, spread evenly over the year from `year_start`, so neighbouring tickets share a day, as
// in a live stream.
class TicketGenerator {
 public:
  TicketGenerator(const Province& province, absl::Time year_start, int64_t tickets)
      : province_(province), year_start_(year_start), tickets_(tickets) {}

  GeneratedTicket Ticket(int64_t id) const;
  std::vector<hotline::common::v1::EventEnvelope> Events(const GeneratedTicket& ticket) const;
  // The same ticket's events as though it were created at `at` (the lag phase's live tickets).
  std::vector<hotline::common::v1::EventEnvelope> EventsAt(GeneratedTicket ticket,
                                                           absl::Time at) const;

 private:
  const Province& province_;
  const absl::Time year_start_;
  const int64_t tickets_;
};

}  // namespace hotline::bench
