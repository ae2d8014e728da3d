#pragma once

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/common/v1/event.pb.h"
#include "hotline/common/v1/ticket.pb.h"

namespace hotline::service {

// The ticket-scoped half of the access tables (access_table.h): checked where the row is read,
// by every service the same way.
//
// A refusal never tells whether the row exists: "absent" and "not yours" give the same NOT_FOUND
// with the same message, so a credential cannot probe another jurisdiction's ticket numbers.
absl::Status OutOfReach(absl::string_view what);  // what: "ticket", "assignment", …

// Whether `ticket`'s region lies within `jurisdiction` ("" = the whole country). A ticket whose
// region cannot be read belongs to no jurisdiction for certain, so it lies within none.
bool TicketWithin(absl::string_view jurisdiction, const hotline::common::v1::Ticket& ticket);

// A ticket store's answer, narrowed to `jurisdiction`: the ticket when it lies within it,
// OutOfReach("ticket") when it is absent or outside; any other error as it came.
absl::StatusOr<hotline::common::v1::Ticket> WithinReach(
    absl::StatusOr<hotline::common::v1::Ticket> read, absl::string_view jurisdiction);

// Whether the ticket whose event history is `history` was taken (its creation written) by
// `actor`'s own credential: same role and name.
bool TakenBy(const std::vector<hotline::common::v1::EventEnvelope>& history,
             const hotline::common::v1::Actor& actor);

// The same for a row found by another key: `found` NOT_FOUND or `reachable` false → OutOfReach.
absl::Status ReachOr(const absl::Status& found, bool reachable, absl::string_view what);

}  // namespace hotline::service
