#include "services/supervision/api/access.h"

#include "libs/service/ticket_reach.h"

namespace hotline::supervision {
namespace {

namespace common = hotline::common::v1;

absl::StatusOr<Standing> UnitStanding(const service::Principal& caller, Need need,
                                      const std::vector<ClockRow>& clocks) {
  bool has_clock = false;
  for (const ClockRow& c : clocks) {
    if (c.unit_id != caller.name) continue;
    // Reading keeps the history; acting needs a clock still running or paused.
    if (need != Need::kRead && c.state == ClockState::kStopped) continue;
    has_clock = true;
    if (c.kind == ClockKind::kHandling) return Standing::kLeadUnit;
  }
  if (!has_clock) return service::OutOfReach("ticket");
  if (need == Need::kRead) return Standing::kReader;
  return absl::PermissionDeniedError(need == Need::kOffice
                                         ? "this is for the hotline office"
                                         : "only the lead unit (主办) may ask this");
}

}  // namespace

const service::AccessTable& SupervisionAccess() {
  using service::Scope;
  constexpr common::Role kFrontend = common::ROLE_FRONTEND, kUnit = common::ROLE_UNIT,
                         kOffice = common::ROLE_SUPERVISOR, kProvince = common::ROLE_PROVINCE,
                         kAdmin = common::ROLE_ADMIN;
  constexpr char kRpc[] = "/hotline.supervision.v1.Supervision/";
  auto rpc = [&](const char* method) { return std::string(kRpc) + method; };
  static const service::AccessTable table({
      {rpc("GetDeadlines"), {kOffice, kFrontend, kAdmin, kProvince}, Scope::kJurisdiction},
      {rpc("GetDeadlines"), {kUnit}, Scope::kOwnAssignment},
      {rpc("ListOverdue"), {kOffice, kAdmin}, Scope::kJurisdiction},
      {rpc("ListDueSoon"), {kOffice, kAdmin}, Scope::kJurisdiction},
      {rpc("Suspend"), {kOffice}, Scope::kJurisdiction},
      {rpc("Suspend"), {kUnit}, Scope::kOwnAssignment},
      {rpc("DecideSuspension"), {kOffice}, Scope::kJurisdiction},
      {rpc("Resume"), {kOffice}, Scope::kJurisdiction},
      {rpc("Resume"), {kUnit}, Scope::kOwnAssignment},
      {rpc("RequestExtension"), {kUnit}, Scope::kOwnAssignment},
      {rpc("DecideExtension"), {kOffice}, Scope::kJurisdiction},
      {rpc("Urge"), {kOffice}, Scope::kJurisdiction},
      {rpc("Review"), {kOffice}, Scope::kJurisdiction},
      {rpc("RecordFollowUp"), {kOffice}, Scope::kJurisdiction},
      // The office's queues: what waits for the office of the tickets' place.
      {rpc("ListPendingSuspensions"), {kOffice}, Scope::kJurisdiction},
      {rpc("ListPendingExtensions"), {kOffice}, Scope::kJurisdiction},
      {rpc("ListAwaitingReview"), {kOffice}, Scope::kJurisdiction},
      {rpc("ListFollowUpsDue"), {kOffice}, Scope::kJurisdiction},
      {rpc("UpsertCalendar"), {kAdmin}, Scope::kInstanceWide},
      {rpc("GetCalendar"), {kAdmin, kOffice}, Scope::kReference},
      {rpc("UpsertPolicy"), {kAdmin}, Scope::kInstanceWide},
      {rpc("ListPolicies"), {kAdmin, kOffice}, Scope::kReference},
      {rpc("UpsertEscalationStep"), {kAdmin}, Scope::kInstanceWide},
      {rpc("ListEscalationSteps"), {kAdmin, kOffice}, Scope::kReference},
  });
  return table;
}

const service::AccessTable& SupervisionTestingAccess() {
  static const service::AccessTable table({
      {"/hotline.supervision.v1.SupervisionTesting/SetClock",
       {common::ROLE_ADMIN},
       service::Scope::kInstanceWide},
  });
  return table;
}

TicketGate GateFor(const service::Principal& caller, Need need) {
  return [caller, need](
             const common::Ticket& ticket,
             absl::FunctionRef<std::vector<ClockRow>()> clocks) -> absl::StatusOr<Standing> {
    if (caller.role == common::ROLE_UNIT) return UnitStanding(caller, need, clocks());
    if (!service::TicketWithin(caller.jurisdiction, ticket)) return service::OutOfReach("ticket");
    const bool office = caller.role == common::ROLE_SUPERVISOR;
    const bool reader = office || caller.role == common::ROLE_FRONTEND ||
                        caller.role == common::ROLE_ADMIN || caller.role == common::ROLE_PROVINCE;
    if (need == Need::kRead ? !reader : !office) {
      return absl::PermissionDeniedError("this is for the hotline office");
    }
    return office ? Standing::kOffice : Standing::kReader;
  };
}

}  // namespace hotline::supervision
