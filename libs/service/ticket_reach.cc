#include "libs/service/ticket_reach.h"

#include "absl/strings/str_cat.h"
#include "libs/domain/event_types.h"
#include "libs/domain/region_code.h"

namespace hotline::service {

absl::Status OutOfReach(absl::string_view what) {
  return absl::NotFoundError(absl::StrCat("no such ", what, " within this credential's reach"));
}

bool TicketWithin(absl::string_view jurisdiction, const hotline::common::v1::Ticket& ticket) {
  const std::string_view scope(jurisdiction.data(), jurisdiction.size());
  absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(ticket.region().code());
  return region.ok() && domain::InJurisdiction(scope, *region);
}

absl::StatusOr<hotline::common::v1::Ticket> WithinReach(
    absl::StatusOr<hotline::common::v1::Ticket> read, absl::string_view jurisdiction) {
  if (absl::IsNotFound(read.status())) return OutOfReach("ticket");
  if (!read.ok()) return read.status();
  if (!TicketWithin(jurisdiction, *read)) return OutOfReach("ticket");
  return read;
}

bool TakenBy(const std::vector<hotline::common::v1::EventEnvelope>& history,
             const hotline::common::v1::Actor& actor) {
  // The history starts with the creation; a ticket received from another instance was taken
  // there, by nobody here.
  if (history.empty() || history.front().type() != event_type::kTicketCreated) return false;
  const hotline::common::v1::Actor& taker = history.front().actor();
  return !actor.principal().empty() && taker.role() == actor.role() &&
         taker.principal() == actor.principal();
}

absl::Status ReachOr(const absl::Status& found, bool reachable, absl::string_view what) {
  if (absl::IsNotFound(found)) return OutOfReach(what);
  if (!found.ok()) return found;
  return reachable ? absl::OkStatus() : OutOfReach(what);
}

}  // namespace hotline::service
