#include "services/reporting/api/access.h"

#include "libs/domain/region_code.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;
constexpr common::Role kReporting = common::ROLE_REPORTING;
constexpr common::Role kOffice = common::ROLE_SUPERVISOR;
constexpr common::Role kProvince = common::ROLE_PROVINCE;
constexpr common::Role kUnit = common::ROLE_UNIT;
constexpr common::Role kAdmin = common::ROLE_ADMIN;
constexpr common::Role kNone = common::ROLE_UNSPECIFIED;

constexpr char kFiguresOnly[] =
    "figures are for the reporting role, the hotline office, the province and operators";
constexpr char kAdminOnly[] = "the rollups are maintained by operators (admin role)";

struct RpcAccess {
  const char* rpc;
  common::Role roles[5];  // kNone fills the unused places
  const char* scope;      // applied by ScopeFilter before the use case runs
  const char* denied;
};

// Who may call what. The reporting role reads figures and nothing else; no RPC answers with a
// ticket or a person.
constexpr RpcAccess kAccess[] = {
    {"GetIndicators",
     {kReporting, kOffice, kProvince, kAdmin, kUnit},
     "jurisdiction; a unit: its own figures",
     kFiguresOnly},
    {"GetRanking", {kReporting, kOffice, kProvince, kAdmin, kNone}, "jurisdiction", kFiguresOnly},
    {"HotTopics", {kReporting, kOffice, kProvince, kAdmin, kNone}, "jurisdiction", kFiguresOnly},
    {"ExportReport", {kReporting, kOffice, kProvince, kAdmin, kNone}, "jurisdiction", kFiguresOnly},
    {"MonthlyMinorProtectionReport",
     {kReporting, kOffice, kProvince, kAdmin, kNone},
     "jurisdiction",
     kFiguresOnly},
    {"ListReportCorrections",
     {kReporting, kOffice, kProvince, kAdmin, kNone},
     "jurisdiction",
     kFiguresOnly},
    {"RebuildRollups", {kAdmin, kNone, kNone, kNone, kNone}, "all", kAdminOnly},
    {"GetRollupStatus",
     {kAdmin, kReporting, kNone, kNone, kNone},
     "all",
     "the rollups' status is for operators and the reporting role"},
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

absl::Status ScopeFilter(const service::Principal& caller, CellFilter& filter) {
  if (filter.region_prefix.empty() && !caller.jurisdiction.empty()) {
    // The jurisdiction in its canonical form, as the cells store region codes.
    absl::StatusOr<domain::RegionCode> scope = domain::RegionCode::Parse(caller.jurisdiction);
    if (!scope.ok()) return absl::PermissionDeniedError("the caller's jurisdiction is malformed");
    filter.region_prefix = scope->code();
  }
  if (!filter.region_prefix.empty()) {
    absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(filter.region_prefix);
    if (!region.ok() || !domain::InJurisdiction(caller.jurisdiction, *region)) {
      return absl::PermissionDeniedError("the region is outside the caller's jurisdiction");
    }
  }
  if (caller.role != kUnit) return absl::OkStatus();
  if (filter.unit_id.empty()) filter.unit_id = caller.name;
  if (filter.unit_id != caller.name) {
    return absl::PermissionDeniedError("a unit sees only its own figures");
  }
  return absl::OkStatus();
}

}  // namespace hotline::reporting
