#include "tests/unit/security/suite_access.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "services/intake/api/intake_access.h"
#include "services/provincial-transfer/api/access.h"
#include "services/reporting/api/access.h"
#include "services/routing/api/access.h"
#include "services/supervision/api/access.h"

namespace hotline::security {

namespace common = hotline::common::v1;

std::vector<ServiceAccess> SuiteAccess() {
  return {
      {"intake", &intake::IntakeAccess()},
      {"routing", &routing::RoutingAccess()},
      {"supervision", &supervision::SupervisionAccess()},
      {"supervision", &supervision::SupervisionTestingAccess()},
      {"provincial-transfer", &transfer::TransferAccess()},
      {"reporting", &reporting::ReportingAccess()},
  };
}

service::AccessTable MergedAccess() {
  service::AccessTable all;
  for (const ServiceAccess& s : SuiteAccess()) all.Add(*s.table);
  return all;
}

namespace {

bool PeerOnly(const service::AccessTable& table, const std::string& method) {
  for (const service::AccessRule& rule : table.rules()) {
    if (rule.method == method && rule.scope != service::Scope::kPeer) return false;
  }
  return true;
}

}  // namespace

std::string AccessMarkdown() {
  constexpr common::Role kRoles[] = {common::ROLE_FRONTEND,   common::ROLE_UNIT,
                                     common::ROLE_SUPERVISOR, common::ROLE_PROVINCE,
                                     common::ROLE_REPORTING,  common::ROLE_ADMIN};
  std::string out;
  std::string service_name;
  for (const ServiceAccess& s : SuiteAccess()) {
    std::vector<std::string> methods;  // in the table's order, once each
    for (const service::AccessRule& rule : s.table->rules()) {
      if (std::find(methods.begin(), methods.end(), rule.method) == methods.end()) {
        methods.push_back(rule.method);
      }
    }
    if (s.service != service_name) {
      service_name = s.service;
      absl::StrAppend(&out, "\n**", s.service, "**\n\n| RPC |");
      for (common::Role role : kRoles) absl::StrAppend(&out, " ", service::RoleName(role), " |");
      absl::StrAppend(&out, "\n| --- |");
      for (size_t i = 0; i < std::size(kRoles); ++i) absl::StrAppend(&out, " --- |");
      absl::StrAppend(&out, "\n");
    }
    for (const std::string& method : methods) {
      // "/hotline.intake.v1.Intake/SubmitTicket" → "Intake/SubmitTicket"
      const std::string shown = method.substr(method.rfind('.') + 1);
      const bool peer = !s.table->rules().empty() && PeerOnly(*s.table, method);
      absl::StrAppend(&out, "| `", shown, "`", peer ? " (peer port: mutual TLS, no token)" : "",
                      " |");
      for (common::Role role : kRoles) {
        const service::AccessRule* rule = s.table->RuleFor(method, role);
        absl::StrAppend(&out, " ", rule ? service::ScopeName(rule->scope) : "—", " |");
      }
      absl::StrAppend(&out, "\n");
    }
  }
  return out;
}

}  // namespace hotline::security
