#include "services/routing/api/access.h"

namespace hotline::routing {

namespace common = hotline::common::v1;

const service::AccessTable& RoutingAccess() {
  using service::Scope;
  constexpr common::Role kUnit = common::ROLE_UNIT, kOffice = common::ROLE_SUPERVISOR,
                         kAdmin = common::ROLE_ADMIN;
  constexpr char kRpc[] = "/hotline.routing.v1.Routing/";
  auto rpc = [&](const char* method) { return std::string(kRpc) + method; };
  static const service::AccessTable table({
      {rpc("ListAssignments"), {kUnit}, Scope::kOwnAssignment},
      {rpc("ListAssignments"), {kOffice, kAdmin}, Scope::kJurisdiction},
      {rpc("GetAssignedTicket"), {kUnit}, Scope::kOwnAssignment},
      {rpc("SignFor"), {kUnit}, Scope::kOwnAssignment},
      {rpc("ReturnAssignment"), {kUnit}, Scope::kOwnAssignment},
      {rpc("SubmitReply"), {kUnit}, Scope::kOwnAssignment},
      {rpc("RecordCallerContact"), {kUnit}, Scope::kOwnAssignment},
      {rpc("Reassign"), {kOffice}, Scope::kJurisdiction},
      {rpc("ListManualQueue"), {kOffice}, Scope::kJurisdiction},
      {rpc("DispatchManually"), {kOffice}, Scope::kJurisdiction},
      {rpc("ExplainRouting"), {kOffice, kAdmin}, Scope::kJurisdiction},
      {rpc("UpsertUnit"), {kAdmin}, Scope::kInstanceWide},
      {rpc("DeactivateUnit"), {kAdmin}, Scope::kInstanceWide},
      {rpc("GetUnit"), {kAdmin, kOffice, kUnit}, Scope::kReference},
      {rpc("UpsertDepartmentType"), {kAdmin}, Scope::kInstanceWide},
      {rpc("ListDepartmentTypes"), {kAdmin, kOffice}, Scope::kReference},
      {rpc("UpsertCatalogueRule"), {kAdmin}, Scope::kInstanceWide},
      {rpc("DeactivateCatalogueRule"), {kAdmin}, Scope::kInstanceWide},
      {rpc("ListCatalogueRules"), {kAdmin, kOffice}, Scope::kReference},
      {rpc("ImportDirectory"), {kAdmin}, Scope::kInstanceWide},
      {rpc("GetDirectoryStatus"), {kAdmin, kOffice}, Scope::kReference},
      // Widening who knows a minor's identity is the instance's office's decision alone.
      {rpc("GrantMinorDetails"), {kOffice}, Scope::kInstanceWide},
      {rpc("RevokeMinorDetails"), {kOffice}, Scope::kInstanceWide},
      // Objection review is dispatch by another name: the office of the ticket's place decides,
      // as it dispatches by hand and reassigns there.
      {rpc("ListObjections"), {kOffice}, Scope::kJurisdiction},
      {rpc("DecideObjection"), {kOffice}, Scope::kJurisdiction},
      {rpc("DesignateUnit"), {kOffice}, Scope::kJurisdiction},
      // One return window for the whole instance: its office sets it; units read their own.
      {rpc("SetObjectionWindow"), {kOffice, kAdmin}, Scope::kInstanceWide},
      {rpc("ListObjectionWindows"), {kOffice, kAdmin, kUnit}, Scope::kReference},
  });
  return table;
}

absl::Status ScopeInbox(const service::Principal& caller, InboxQuery& query) {
  if (caller.role != common::ROLE_UNIT) {
    query.within_jurisdiction = caller.jurisdiction;
    return absl::OkStatus();
  }
  if (query.unit_id.empty()) query.unit_id = caller.name;
  if (query.unit_id != caller.name) {
    return absl::PermissionDeniedError("a unit sees only its own assignments");
  }
  return absl::OkStatus();
}

}  // namespace hotline::routing
