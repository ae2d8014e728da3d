#include "libs/service/access_table.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "libs/domain/region_code.h"

namespace hotline::service {
namespace {

namespace common = hotline::common::v1;

[[noreturn]] void BadTable(const std::string& what) {
  std::fprintf(stderr, "fatal: access table: %s\n", what.c_str());
  std::abort();
}

bool WellFormedMethod(absl::string_view method) {
  // "/pkg.Service/Method": a leading slash, exactly one more, text on both sides.
  if (!absl::ConsumePrefix(&method, "/")) return false;
  const size_t slash = method.find('/');
  return slash != absl::string_view::npos && slash > 0 && slash + 1 < method.size() &&
         method.find('/', slash + 1) == absl::string_view::npos;
}

absl::string_view ShortName(absl::string_view method) {
  return method.substr(method.rfind('/') + 1);
}

}  // namespace

AccessTable::AccessTable(std::vector<AccessRule> rules) {
  for (AccessRule& rule : rules) {
    if (!WellFormedMethod(rule.method)) BadTable(absl::StrCat("malformed method ", rule.method));
    if (rule.roles.empty() != (rule.scope == Scope::kPeer)) {
      BadTable(absl::StrCat(rule.method, ": only the peer scope has no roles"));
    }
    for (common::Role role : rule.roles) {
      if (role == common::ROLE_UNSPECIFIED || RuleFor(rule.method, role) != nullptr) {
        BadTable(absl::StrCat(rule.method, ": role ", common::Role_Name(role),
                              " listed twice or unspecified"));
      }
    }
    rules_.push_back(std::move(rule));
  }
}

void AccessTable::Add(const AccessTable& other) {
  for (const AccessRule& rule : other.rules_) {
    if (Covers(rule.method)) BadTable(absl::StrCat(rule.method, " is in two tables"));
  }
  rules_.insert(rules_.end(), other.rules_.begin(), other.rules_.end());
}

const AccessRule* AccessTable::RuleFor(absl::string_view method, common::Role role) const {
  for (const AccessRule& rule : rules_) {
    if (rule.method != method) continue;
    for (common::Role allowed : rule.roles) {
      if (allowed == role) return &rule;
    }
  }
  return nullptr;
}

bool AccessTable::Covers(absl::string_view method) const {
  for (const AccessRule& rule : rules_) {
    if (rule.method == method) return true;
  }
  return false;
}

absl::Status AccessTable::Admit(const Principal& caller, absl::string_view method,
                                absl::string_view instance_id) const {
  if (!Covers(method)) {
    return absl::PermissionDeniedError(
        absl::StrCat(ShortName(method), " has no access rule and is not served"));
  }
  const AccessRule* rule = RuleFor(method, caller.role);
  if (rule == nullptr) {
    return absl::PermissionDeniedError(
        absl::StrCat("the ", RoleName(caller.role), " role may not call ", ShortName(method)));
  }
  if (rule->scope == Scope::kInstanceWide && !CoversInstance(caller.jurisdiction, instance_id)) {
    return absl::PermissionDeniedError(absl::StrCat(
        ShortName(method), " changes the whole instance: it needs a credential for all of ",
        instance_id, ", not only ", caller.jurisdiction));
  }
  return absl::OkStatus();
}

bool CoversInstance(absl::string_view jurisdiction, absl::string_view instance_id) {
  if (jurisdiction.empty()) return true;
  absl::StatusOr<domain::RegionCode> instance =
      domain::RegionCode::Parse(std::string_view(instance_id.data(), instance_id.size()));
  return instance.ok() &&
         domain::InJurisdiction(std::string_view(jurisdiction.data(), jurisdiction.size()),
                                *instance);
}

absl::string_view ScopeName(Scope scope) {
  switch (scope) {
    case Scope::kInstanceWide:
      return "instance-wide";
    case Scope::kReference:
      return "reference data";
    case Scope::kJurisdiction:
      return "jurisdiction";
    case Scope::kOwnAssignment:
      return "own assignment while live";
    case Scope::kOwnUnit:
      return "own unit";
    case Scope::kOwnSubmissions:
      return "own submissions";
    case Scope::kPeer:
      return "peer (mutual TLS)";
  }
  return "?";
}

absl::string_view RoleName(common::Role role) {
  switch (role) {
    case common::ROLE_FRONTEND:
      return "front-end";
    case common::ROLE_UNIT:
      return "unit";
    case common::ROLE_SUPERVISOR:
      return "supervisor";
    case common::ROLE_PROVINCE:
      return "province";
    case common::ROLE_REPORTING:
      return "reporting";
    case common::ROLE_ADMIN:
      return "admin";
    default:
      return "unspecified";
  }
}

}  // namespace hotline::service
