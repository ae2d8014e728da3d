#include "services/intake/ticket_access.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "libs/domain/region_code.h"
#include "services/intake/request_validation.h"

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;

// What a role may see of a ticket inside its jurisdiction.
enum class Access {
  kDenied,
  kFull,
  kFullUnlessSensitive,  // masked when the ticket involves a minor or is confidential
  kMasked,
};

struct RoleAccess {
  common::Role role;
  Access access;
};

// The policy (ticket_access.h). A role missing here, ROLE_UNSPECIFIED included, is denied.
constexpr RoleAccess kPolicy[] = {
    {common::ROLE_SUPERVISOR, Access::kFull}, {common::ROLE_FRONTEND, Access::kFullUnlessSensitive},
    {common::ROLE_PROVINCE, Access::kMasked}, {common::ROLE_ADMIN, Access::kMasked},
    {common::ROLE_UNIT, Access::kDenied},     {common::ROLE_REPORTING, Access::kDenied},
};

Access AccessOf(common::Role role) {
  for (const RoleAccess& entry : kPolicy) {
    if (entry.role == role) return entry.access;
  }
  return Access::kDenied;
}

// Keeps the first code point; every other one becomes '*', and at least one is added so that a
// one-character name does not come back whole.
std::string MaskName(std::string_view name) {
  if (name.empty()) return "";
  const unsigned char lead = static_cast<unsigned char>(name[0]);
  const size_t first = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
  const int total = CodePoints(name);
  if (total < 1 || first > name.size()) return "*";  // not text: show nothing of it
  return absl::StrCat(absl::string_view(name.data(), first),
                      std::string(std::max(total - 1, 1), '*'));
}

std::string MaskPhone(std::string_view phone) {
  if (phone.empty()) return "";
  const std::string canonical = CanonicalPhone(phone);
  if (canonical.size() == 11 && canonical[0] == '1') {
    return absl::StrCat(canonical.substr(0, 3), "****", canonical.substr(7));
  }
  const size_t dash = canonical.find('-');
  if (dash != std::string::npos) {
    // The length of the local number and any extension are hidden too.
    return absl::StrCat(canonical.substr(0, dash), "-********");
  }
  return "***********";  // not a number we know how to read: hide all of it
}

}  // namespace

absl::StatusOr<TicketView> ViewFor(const service::Principal& caller, const common::Ticket& ticket) {
  const Access access = AccessOf(caller.role);
  if (access == Access::kDenied) {
    return absl::PermissionDeniedError(
        absl::StrCat("role ", common::Role_Name(caller.role), " may not read tickets here"));
  }
  // Checked before anything is shown: a ticket whose region cannot be read belongs to nobody's
  // jurisdiction for certain, so nobody scoped may see it.
  absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(ticket.region().code());
  if (!region.ok() || !domain::InJurisdiction(caller.jurisdiction, *region)) {
    return absl::PermissionDeniedError("the ticket is outside the caller's jurisdiction");
  }
  switch (access) {
    case Access::kFull:
      return TicketView::kFull;
    case Access::kFullUnlessSensitive:
      return ticket.flags().involves_minor() || ticket.caller().wants_confidentiality()
                 ? TicketView::kMasked
                 : TicketView::kFull;
    case Access::kMasked:
    case Access::kDenied:
      break;
  }
  return TicketView::kMasked;
}

void MaskPersonalData(common::Ticket& ticket) {
  if (ticket.has_caller()) {
    common::Caller& caller = *ticket.mutable_caller();
    caller.set_name(MaskName(caller.name()));
    caller.set_phone(MaskPhone(caller.phone()));
  }
  if (!ticket.address().empty()) ticket.set_address("***");
  ticket.clear_content();
  ticket.clear_attachments();
}

}  // namespace hotline::intake
