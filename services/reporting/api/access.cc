#include "services/reporting/api/access.h"

#include "libs/domain/region_code.h"

namespace hotline::reporting {
namespace common = hotline::common::v1;
constexpr common::Role kUnit = common::ROLE_UNIT;

const service::AccessTable& ReportingAccess() {
  using service::Scope;
  constexpr common::Role kReporting = common::ROLE_REPORTING, kOffice = common::ROLE_SUPERVISOR,
                         kProvince = common::ROLE_PROVINCE, kAdmin = common::ROLE_ADMIN;
  constexpr char kRpc[] = "/hotline.reporting.v1.Reporting/";
  auto rpc = [&](const char* method) { return std::string(kRpc) + method; };
  // Figures only: no RPC here answers with a ticket or a person.
  static const service::AccessTable table({
      {rpc("GetIndicators"), {kReporting, kOffice, kProvince, kAdmin}, Scope::kJurisdiction},
      {rpc("GetIndicators"), {kUnit}, Scope::kOwnUnit},
      {rpc("GetRanking"), {kReporting, kOffice, kProvince, kAdmin}, Scope::kJurisdiction},
      {rpc("HotTopics"), {kReporting, kOffice, kProvince, kAdmin}, Scope::kJurisdiction},
      {rpc("ExportReport"), {kReporting, kOffice, kProvince, kAdmin}, Scope::kJurisdiction},
      {rpc("MonthlyMinorProtectionReport"),
       {kReporting, kOffice, kProvince, kAdmin},
       Scope::kJurisdiction},
      {rpc("ListReportCorrections"),
       {kReporting, kOffice, kProvince, kAdmin},
       Scope::kJurisdiction},
      {rpc("RebuildRollups"), {kAdmin}, Scope::kInstanceWide},
      {rpc("GetRollupStatus"), {kAdmin, kReporting}, Scope::kReference},
  });
  return table;
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
