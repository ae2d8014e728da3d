// The routing API's access table: who may call what.
#include "services/routing/api/access.h"

#include <catch2/catch.hpp>

namespace hotline::routing {
namespace {

namespace common = hotline::common::v1;

service::Principal Caller(common::Role role, std::string name = "someone") {
  service::Principal p;
  p.role = role;
  p.name = std::move(name);
  p.jurisdiction = "5301";
  return p;
}

absl::Status Admit(const char* method, const service::Principal& caller) {
  return RoutingAccess().Admit(caller, std::string("/hotline.routing.v1.Routing/") + method, "53");
}

TEST_CASE("Each RPC admits its roles and refuses the rest", "[access]") {
  CHECK(Admit("SignFor", Caller(common::ROLE_UNIT)).ok());
  CHECK(Admit("SignFor", Caller(common::ROLE_SUPERVISOR)).code() ==
        absl::StatusCode::kPermissionDenied);
  CHECK(Admit("DispatchManually", Caller(common::ROLE_SUPERVISOR)).ok());
  CHECK_FALSE(Admit("DispatchManually", Caller(common::ROLE_ADMIN)).ok());
  CHECK(Admit("ExplainRouting", Caller(common::ROLE_ADMIN)).ok());
  CHECK_FALSE(Admit("ImportDirectory", Caller(common::ROLE_SUPERVISOR)).ok());
  CHECK(Admit("GetUnit", Caller(common::ROLE_UNIT)).ok());
  CHECK_FALSE(Admit("ListCatalogueRules", Caller(common::ROLE_UNIT)).ok());
  CHECK_FALSE(Admit("NoSuchRpc", Caller(common::ROLE_ADMIN)).ok());
}

TEST_CASE("The directory is edited only with a credential for the whole instance", "[access]") {
  service::Principal county = Caller(common::ROLE_ADMIN);  // 5301, on instance 53
  CHECK(Admit("UpsertUnit", county).code() == absl::StatusCode::kPermissionDenied);
  CHECK(Admit("GetUnit", county).ok());
  county.jurisdiction = "53";
  CHECK(Admit("UpsertUnit", county).ok());
  county.jurisdiction = "";
  CHECK(Admit("ImportDirectory", county).ok());
}

TEST_CASE("A unit sees its own inbox and the office one scoped to its jurisdiction", "[access]") {
  InboxQuery own;
  REQUIRE(ScopeInbox(Caller(common::ROLE_UNIT, "530102-education"), own).ok());
  CHECK(own.unit_id == "530102-education");
  CHECK_FALSE(own.within_jurisdiction.has_value());

  InboxQuery other;
  other.unit_id = "530102-civil-affairs";
  CHECK(ScopeInbox(Caller(common::ROLE_UNIT, "530102-education"), other).message() ==
        "a unit sees only its own assignments");

  InboxQuery office;
  office.unit_id = "530102-education";
  REQUIRE(ScopeInbox(Caller(common::ROLE_SUPERVISOR), office).ok());
  CHECK(office.within_jurisdiction == std::optional<std::string>("5301"));
}

}  // namespace
}  // namespace hotline::routing
