#include "services/routing/api/access.h"

namespace hotline::routing {
namespace {

namespace common = hotline::common::v1;
constexpr common::Role kUnit = common::ROLE_UNIT;
constexpr common::Role kOffice = common::ROLE_SUPERVISOR;
constexpr common::Role kAdmin = common::ROLE_ADMIN;
constexpr common::Role kNone = common::ROLE_UNSPECIFIED;

constexpr char kUnitsOnly[] = "only the handling unit acts on its assignments";
constexpr char kOfficeOnly[] = "this is for the hotline office (supervisor role)";
constexpr char kAdminOnly[] = "the directory is edited by operators (admin role)";
constexpr char kOfficeAndAdmin[] = "for operators and the hotline office";

struct RpcAccess {
  const char* rpc;
  common::Role roles[3];  // kNone fills the unused places
  const char* scope;      // checked by the use case, where the rows are read
  const char* denied;
};

// Who may call what. The README's RPC table says the same.
constexpr RpcAccess kAccess[] = {
    {"ListAssignments",
     {kUnit, kOffice, kAdmin},
     "unit: its own; others: a unit within reach",
     "assignments are for units and the hotline office"},
    {"GetAssignedTicket", {kUnit, kNone, kNone}, "its own assignment", kUnitsOnly},
    {"SignFor", {kUnit, kNone, kNone}, "its own assignment", kUnitsOnly},
    {"ReturnAssignment", {kUnit, kNone, kNone}, "its own assignment", kUnitsOnly},
    {"SubmitReply", {kUnit, kNone, kNone}, "its own assignment", kUnitsOnly},
    {"Reassign", {kOffice, kNone, kNone}, "tickets and units within reach", kOfficeOnly},
    {"ListManualQueue", {kOffice, kNone, kNone}, "tickets within reach", kOfficeOnly},
    {"DispatchManually", {kOffice, kNone, kNone}, "tickets and units within reach", kOfficeOnly},
    {"ExplainRouting",
     {kOffice, kAdmin, kNone},
     "tickets within reach",
     "explanations are for the hotline office and operators"},
    {"UpsertUnit", {kAdmin, kNone, kNone}, "all", kAdminOnly},
    {"DeactivateUnit", {kAdmin, kNone, kNone}, "all", kAdminOnly},
    {"GetUnit",
     {kAdmin, kOffice, kUnit},
     "all",
     "units are looked up by operators, the office and units"},
    {"UpsertDepartmentType", {kAdmin, kNone, kNone}, "all", kAdminOnly},
    {"ListDepartmentTypes", {kAdmin, kOffice, kNone}, "all", kOfficeAndAdmin},
    {"UpsertCatalogueRule", {kAdmin, kNone, kNone}, "all", kAdminOnly},
    {"DeactivateCatalogueRule", {kAdmin, kNone, kNone}, "all", kAdminOnly},
    {"ListCatalogueRules", {kAdmin, kOffice, kNone}, "all", kOfficeAndAdmin},
    {"ImportDirectory", {kAdmin, kNone, kNone}, "all", kAdminOnly},
    {"GetDirectoryStatus", {kAdmin, kOffice, kNone}, "this replica", kOfficeAndAdmin},
};

}  // namespace

absl::Status RequireAccess(absl::string_view rpc, const service::Principal& caller) {
  for (const RpcAccess& access : kAccess) {
    if (rpc != access.rpc) continue;
    for (common::Role role : access.roles) {
      if (role != kNone && role == caller.role) return absl::OkStatus();
    }
    return absl::PermissionDeniedError(access.denied);
  }
  return absl::PermissionDeniedError("no access rule for this call");
}

absl::Status ScopeInbox(const service::Principal& caller, InboxQuery& query) {
  if (caller.role != kUnit) {
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
