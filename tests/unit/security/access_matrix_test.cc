// The authorisation tables of every service, walked cell by cell: every RPC the protos declare ×
// every role × a ticket inside and outside the caller's jurisdiction, decided the way the
// services decide (the auth interceptor's Admit, then the row check of ticket_reach.h).
#include <google/protobuf/descriptor.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/service/access_table.h"
#include "libs/service/ticket_reach.h"
#include "tests/unit/security/suite_access.h"

namespace hotline::security {
namespace {

namespace common = hotline::common::v1;
using service::Scope;

constexpr char kInstance[] = "53";  // Yunnan's platform

constexpr common::Role kAllRoles[] = {
    common::ROLE_UNSPECIFIED, common::ROLE_FRONTEND,  common::ROLE_UNIT,  common::ROLE_SUPERVISOR,
    common::ROLE_PROVINCE,    common::ROLE_REPORTING, common::ROLE_ADMIN,
};

// Every method of every service the API declares, from the generated descriptors of every .proto
// under proto/hotline (the test links all of hotline_proto, so a new file is found too).
std::vector<std::string> DeclaredMethods() {
  std::vector<std::string> methods;
  const std::filesystem::path root = std::filesystem::path(HOTLINE_SOURCE_DIR) / "proto";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "hotline")) {
    if (entry.path().extension() != ".proto") continue;
    const std::string name = std::filesystem::relative(entry.path(), root).string();
    const google::protobuf::FileDescriptor* file =
        google::protobuf::DescriptorPool::generated_pool()->FindFileByName(name);
    INFO("proto file " << name);
    REQUIRE(file != nullptr);
    for (int s = 0; s < file->service_count(); ++s) {
      const google::protobuf::ServiceDescriptor* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        methods.push_back(absl::StrCat("/", service->full_name(), "/", service->method(m)->name()));
      }
    }
  }
  return methods;
}

service::Principal Caller(common::Role role, const std::string& jurisdiction) {
  return service::Principal{role, "credential-1", jurisdiction};
}

common::Ticket TicketIn(const std::string& region) {
  common::Ticket ticket;
  ticket.set_number("53-20261207-000001");
  ticket.mutable_region()->set_code(region);
  return ticket;
}

// What a call of `method` by `caller` on a ticket in `region` ends with, as far as the shared
// code decides it: the door (roles, instance-wide), then for jurisdiction-scoped calls the row.
absl::StatusCode Decide(const service::AccessTable& table, const std::string& method,
                        const service::Principal& caller, const std::string& region) {
  absl::Status admitted = table.Admit(caller, method, kInstance);
  if (!admitted.ok()) return admitted.code();
  const service::AccessRule* rule = table.RuleFor(method, caller.role);
  if (rule->scope != Scope::kJurisdiction) return absl::StatusCode::kOk;
  return service::WithinReach(TicketIn(region), caller.jurisdiction).status().code();
}

bool IsEdit(absl::string_view method) {
  const absl::string_view name = method.substr(method.rfind('/') + 1);
  // Grant/Revoke: widening who knows a minor's identity is the instance's office's decision;
  // Push: an operator's action for the whole instance; Flag/Lift: the office's list of callers.
  for (const char* verb :
       {"Upsert", "Deactivate", "Retire", "Remove", "Import", "Set", "Reload", "Rebuild", "Retry",
        "Park", "Cancel", "Grant", "Revoke", "Push", "Flag", "Lift"}) {
    if (absl::StartsWith(name, verb)) return true;
  }
  return false;
}

TEST_CASE("every RPC the protos declare has a line in its service's table, and no line is stale",
          "[access_matrix]") {
  const service::AccessTable all = MergedAccess();
  const std::vector<std::string> declared = DeclaredMethods();
  REQUIRE(declared.size() > 60);
  for (const std::string& method : declared) {
    INFO(method);
    CHECK(all.Covers(method));
  }
  const std::set<std::string> known(declared.begin(), declared.end());
  for (const service::AccessRule& rule : all.rules()) {
    INFO(rule.method);
    CHECK(known.count(rule.method) == 1);
  }
}

TEST_CASE("the tables keep the suite's rules", "[access_matrix]") {
  const service::AccessTable all = MergedAccess();
  for (const service::AccessRule& rule : all.rules()) {
    INFO(rule.method << " " << service::ScopeName(rule.scope));
    // Instance-wide data is changed only with a credential for the whole instance, and only
    // edits need one.
    CHECK(IsEdit(rule.method) == (rule.scope == Scope::kInstanceWide));
    // Peers come through the mutual-TLS port, never with a token.
    CHECK((rule.scope == Scope::kPeer) ==
          absl::StartsWith(rule.method, "/hotline.transfer.v1.TransferPeer/"));
    for (common::Role role : rule.roles) {
      INFO(common::Role_Name(role));
      // A unit reaches only what was given to it, never a jurisdiction.
      if (role == common::ROLE_UNIT) {
        CHECK((rule.scope == Scope::kOwnAssignment || rule.scope == Scope::kOwnUnit ||
               rule.scope == Scope::kReference));
      }
      // The reporting role reads figures: no ticket, no person.
      if (role == common::ROLE_REPORTING) {
        CHECK((absl::StartsWith(rule.method, "/hotline.reporting.v1.") ||
               rule.scope == Scope::kReference));
      }
      // Front-ends and units change nothing of the instance's.
      if (role == common::ROLE_FRONTEND || role == common::ROLE_UNIT) {
        CHECK(rule.scope != Scope::kInstanceWide);
      }
      // Tickets are taken, and read back by their taker, through intake only.
      if (rule.scope == Scope::kOwnSubmissions) {
        CHECK(absl::StartsWith(rule.method, "/hotline.intake.v1.Intake/"));
      }
    }
  }
}

TEST_CASE("every cell: each RPC × each role × a ticket inside and outside the jurisdiction",
          "[access_matrix]") {
  const service::AccessTable all = MergedAccess();
  int cells = 0;
  for (const std::string& method : DeclaredMethods()) {
    for (common::Role role : kAllRoles) {
      // A Kunming credential on Yunnan's instance: a ticket in Wuhua is inside, one in Qujing
      // outside. A credential for all Yunnan: a ticket in Kunming inside, one in Baotou outside.
      for (const auto& [jurisdiction, inside, outside] :
           {std::tuple<std::string, std::string, std::string>{"5301", "530102", "530302"},
            {"53", "530102", "150202"}}) {
        const service::Principal caller = Caller(role, jurisdiction);
        const service::AccessRule* rule = all.RuleFor(method, role);
        INFO(method << " as " << common::Role_Name(role) << " of " << jurisdiction);
        const absl::StatusCode in = Decide(all, method, caller, inside);
        const absl::StatusCode out = Decide(all, method, caller, outside);
        cells += 2;
        if (rule == nullptr) {
          CHECK(in == absl::StatusCode::kPermissionDenied);
          CHECK(out == absl::StatusCode::kPermissionDenied);
          continue;
        }
        switch (rule->scope) {
          case Scope::kInstanceWide: {
            const absl::StatusCode expected = jurisdiction == kInstance
                                                  ? absl::StatusCode::kOk
                                                  : absl::StatusCode::kPermissionDenied;
            CHECK(in == expected);
            CHECK(out == expected);
            break;
          }
          case Scope::kJurisdiction:
            CHECK(in == absl::StatusCode::kOk);
            // As if the ticket did not exist: the same answer as an absent one.
            CHECK(out == absl::StatusCode::kNotFound);
            break;
          case Scope::kPeer:
            FAIL("a role listed on a peer method");
            break;
          default:
            // Reference data, or a row of the caller's own: admitted at the door, checked by
            // owner where the row is read (tests/e2e/security).
            CHECK(in == absl::StatusCode::kOk);
            CHECK(out == absl::StatusCode::kOk);
        }
      }
    }
  }
  CHECK(cells > 800);
}

TEST_CASE("absent and out of reach answer the same", "[access_matrix]") {
  const absl::Status absent =
      service::WithinReach(absl::NotFoundError("no ticket 53-1"), "5301").status();
  const absl::Status elsewhere = service::WithinReach(TicketIn("530302"), "5301").status();
  CHECK(absent == elsewhere);
  CHECK(service::WithinReach(TicketIn("530302"), "").ok());
  CHECK_FALSE(service::WithinReach(TicketIn("bogus"), "").ok());
  CHECK(service::WithinReach(absl::UnavailableError("db down"), "5301").status().code() ==
        absl::StatusCode::kUnavailable);
}

TEST_CASE("an instance-wide credential covers the instance", "[access_matrix]") {
  CHECK(service::CoversInstance("", "5301"));
  CHECK(service::CoversInstance("53", "5301"));
  CHECK(service::CoversInstance("5301", "5301"));
  CHECK_FALSE(service::CoversInstance("530102", "5301"));
  CHECK_FALSE(service::CoversInstance("5303", "5301"));
  CHECK_FALSE(service::CoversInstance("5", "5301"));  // malformed grants nothing
}

}  // namespace
}  // namespace hotline::security
