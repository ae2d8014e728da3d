#include "services/routing/access.h"

#include "absl/strings/str_cat.h"
#include "libs/domain/region_code.h"

namespace hotline::routing {

absl::Status RequireWithin(const service::Principal& caller, const std::string& region_code,
                           const std::string& what) {
  absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(region_code);
  if (region.ok() && domain::InJurisdiction(caller.jurisdiction, *region)) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat(what, " is outside the caller's jurisdiction ", caller.jurisdiction));
}

absl::StatusOr<hotline::common::v1::Ticket> TicketForOffice(pqxx::transaction_base& tx,
                                                            const ticketstore::PgTicketStore& tickets,
                                                            const service::Principal& caller,
                                                            const std::string& number) {
  absl::StatusOr<hotline::common::v1::Ticket> ticket = tickets.GetByNumber(tx, number);
  if (!ticket.ok()) return ticket.status();
  if (absl::Status within = RequireWithin(caller, ticket->region().code(), "the ticket's place");
      !within.ok()) {
    return within;
  }
  return ticket;
}

}  // namespace hotline::routing
