#include "services/supervision/api/access.h"

#include "libs/domain/region_code.h"

namespace hotline::supervision {
namespace {

namespace common = hotline::common::v1;

bool Within(const service::Principal& caller, const common::Ticket& ticket) {
  absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(ticket.region().code());
  return region.ok() && domain::InJurisdiction(caller.jurisdiction, *region);
}

absl::StatusOr<Standing> UnitStanding(const service::Principal& caller, Need need,
                                      const std::vector<ClockRow>& clocks) {
  if (need == Need::kOffice) return absl::PermissionDeniedError("this is for the hotline office");
  for (const ClockRow& c : clocks) {
    const bool lead = c.kind == ClockKind::kHandling;
    if (c.unit_id != caller.name) continue;
    if (lead) return Standing::kLeadUnit;
    if (need == Need::kRead) return Standing::kReader;
  }
  return absl::PermissionDeniedError(need == Need::kRead
                                         ? "the ticket is not assigned to this unit"
                                         : "only the lead unit (主办) may ask this");
}

}  // namespace

TicketGate GateFor(const service::Principal& caller, Need need) {
  return [caller, need](
             const common::Ticket& ticket,
             absl::FunctionRef<std::vector<ClockRow>()> clocks) -> absl::StatusOr<Standing> {
    if (caller.role == common::ROLE_UNIT) return UnitStanding(caller, need, clocks());
    const bool office = caller.role == common::ROLE_SUPERVISOR;
    const bool reader = office || caller.role == common::ROLE_FRONTEND ||
                        caller.role == common::ROLE_ADMIN || caller.role == common::ROLE_PROVINCE;
    if (need == Need::kRead ? !reader : !office) {
      return absl::PermissionDeniedError("this is for the hotline office");
    }
    if (!Within(caller, ticket)) {
      return absl::PermissionDeniedError("the ticket is outside the caller's jurisdiction");
    }
    return office ? Standing::kOffice : Standing::kReader;
  };
}

absl::Status MayListClocks(const service::Principal& caller) {
  if (caller.role == common::ROLE_SUPERVISOR || caller.role == common::ROLE_ADMIN) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError("this is for the hotline office");
}

absl::Status MayAskExtension(const service::Principal& caller) {
  if (caller.role == common::ROLE_UNIT) return absl::OkStatus();
  return absl::PermissionDeniedError("an extension is asked by the lead unit");
}

absl::Status MayEditSettings(const service::Principal& caller) {
  if (caller.role == common::ROLE_ADMIN) return absl::OkStatus();
  return absl::PermissionDeniedError("deadline settings are edited by operators (admin role)");
}

absl::Status MayReadSettings(const service::Principal& caller) {
  if (caller.role == common::ROLE_ADMIN || caller.role == common::ROLE_SUPERVISOR) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError("for operators and the hotline office");
}

absl::Status MaySetClock(const service::Principal& caller) {
  if (caller.role == common::ROLE_ADMIN) return absl::OkStatus();
  return absl::PermissionDeniedError("the clock is set by operators (admin role)");
}

}  // namespace hotline::supervision
