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

TEST_CASE("Each RPC admits its roles and refuses the rest with its own message", "[access]") {
  CHECK(RequireAccess("SignFor", Caller(common::ROLE_UNIT)).ok());
  const absl::Status office_signs = RequireAccess("SignFor", Caller(common::ROLE_SUPERVISOR));
  CHECK(office_signs.code() == absl::StatusCode::kPermissionDenied);
  CHECK(office_signs.message() == "only the handling unit acts on its assignments");
  CHECK(RequireAccess("DispatchManually", Caller(common::ROLE_SUPERVISOR)).ok());
  CHECK(RequireAccess("DispatchManually", Caller(common::ROLE_ADMIN)).message() ==
        "this is for the hotline office (supervisor role)");
  CHECK(RequireAccess("ExplainRouting", Caller(common::ROLE_ADMIN)).ok());
  CHECK(RequireAccess("ImportDirectory", Caller(common::ROLE_SUPERVISOR)).message() ==
        "the directory is edited by operators (admin role)");
  CHECK(RequireAccess("GetUnit", Caller(common::ROLE_UNIT)).ok());
  CHECK(RequireAccess("ListCatalogueRules", Caller(common::ROLE_UNIT)).message() ==
        "for operators and the hotline office");
  CHECK_FALSE(RequireAccess("NoSuchRpc", Caller(common::ROLE_ADMIN)).ok());
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
