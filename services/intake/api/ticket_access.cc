#include "services/intake/api/ticket_access.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "libs/service/ticket_reach.h"

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;

struct RoleAccess {
  common::Role role;
  bool may_read;
  ReadAccess access;
};

// The policy (ticket_access.h). A role missing here, ROLE_UNSPECIFIED included, is denied.
constexpr RoleAccess kPolicy[] = {
    {common::ROLE_SUPERVISOR, true, ReadAccess::kFull},
    {common::ROLE_FRONTEND, true, ReadAccess::kFullIfTakenRecently},
    {common::ROLE_PROVINCE, true, ReadAccess::kMasked},
    {common::ROLE_ADMIN, true, ReadAccess::kMasked},
    {common::ROLE_UNIT, false, ReadAccess::kMasked},
    {common::ROLE_REPORTING, false, ReadAccess::kMasked},
};

}  // namespace

absl::StatusOr<ReadAccess> ReadAccessOf(const service::Principal& caller) {
  for (const RoleAccess& entry : kPolicy) {
    if (entry.role == caller.role && entry.may_read) return entry.access;
  }
  return absl::PermissionDeniedError(
      absl::StrCat("role ", common::Role_Name(caller.role), " may not read tickets here"));
}

absl::StatusOr<TicketView> ViewFor(const service::Principal& caller, const common::Ticket& ticket) {
  absl::StatusOr<ReadAccess> access = ReadAccessOf(caller);
  if (!access.ok()) return access.status();
  // Checked before anything is shown, and refused as if the ticket did not exist.
  if (!service::TicketWithin(caller.jurisdiction, ticket)) return service::OutOfReach("ticket");
  return ViewOf(*access, ticket);
}

}  // namespace hotline::intake
