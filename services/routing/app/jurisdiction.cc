#include "services/routing/app/jurisdiction.h"

#include "absl/strings/str_cat.h"
#include "libs/domain/region_code.h"
#include "libs/service/ticket_reach.h"

namespace hotline::routing {

absl::Status RequireWithin(const std::string& jurisdiction, const std::string& region_code,
                           const std::string& what) {
  absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(region_code);
  if (region.ok() && domain::InJurisdiction(jurisdiction, *region)) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat(what, " is outside the caller's jurisdiction ", jurisdiction));
}

absl::StatusOr<hotline::common::v1::Ticket> TicketWithin(const ticketstore::TicketStore& tickets,
                                                         Transaction& tx,
                                                         const std::string& jurisdiction,
                                                         const std::string& number) {
  return service::WithinReach(tickets.GetByNumber(tx, number), jurisdiction);
}

}  // namespace hotline::routing
