#include "services/intake/api/intake_access.h"

#include <catch2/catch.hpp>

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;

service::Principal Caller(common::Role role) {
  service::Principal p;
  p.role = role;
  p.name = "credential-1";
  p.jurisdiction = "5301";
  return p;
}

TEST_CASE("who may call which intake RPC", "[intake_access]") {
  auto [rpc, role, allowed] = GENERATE(table<const char*, common::Role, bool>({
      {"SubmitTicket", common::ROLE_FRONTEND, true},
      {"SubmitTicket", common::ROLE_PROVINCE, true},
      {"SubmitTicket", common::ROLE_UNIT, false},
      {"GetTicket", common::ROLE_ADMIN, true},
      {"GetTicket", common::ROLE_UNIT, false},
      {"AddSupplement", common::ROLE_SUPERVISOR, true},
      {"WithdrawTicket", common::ROLE_PROVINCE, false},
      {"SearchKnowledge", common::ROLE_UNIT, true},
      {"SearchKnowledge", common::ROLE_REPORTING, false},
      {"UpsertKnowledgeArticle", common::ROLE_ADMIN, true},
      {"RetireKnowledgeArticle", common::ROLE_FRONTEND, false},
      {"MergeTickets", common::ROLE_SUPERVISOR, true},
      {"UnlinkDuplicate", common::ROLE_ADMIN, false},
      {"ListDuplicateLinks", common::ROLE_FRONTEND, false},
      {"ListScopeRules", common::ROLE_FRONTEND, false},
      {"UpsertScopeRule", common::ROLE_SUPERVISOR, true},
      {"UpsertCategory", common::ROLE_ADMIN, true},
      {"ListCategories", common::ROLE_REPORTING, true},
      {"ListCategories", common::ROLE_UNSPECIFIED, false},
  }));
  const absl::Status status =
      IntakeAccess().Admit(Caller(role), std::string("/hotline.intake.v1.Intake/") + rpc, "5301");
  CAPTURE(rpc, common::Role_Name(role), status.ToString());
  CHECK(status.ok() == allowed);
  if (!allowed) CHECK(status.code() == absl::StatusCode::kPermissionDenied);
}

TEST_CASE("intake's catalogue and knowledge base are edited only for the whole instance",
          "[intake_access]") {
  service::Principal county = Caller(common::ROLE_SUPERVISOR);
  county.jurisdiction = "530102";
  for (const char* rpc :
       {"UpsertScopeRule", "UpsertCategory", "UpsertKnowledgeArticle", "RetireKnowledgeArticle"}) {
    const std::string method = std::string("/hotline.intake.v1.Intake/") + rpc;
    CHECK(IntakeAccess().Admit(county, method, "5301").code() ==
          absl::StatusCode::kPermissionDenied);
    CHECK(IntakeAccess().Admit(Caller(common::ROLE_SUPERVISOR), method, "5301").ok());
  }
  CHECK(IntakeAccess().Admit(county, "/hotline.intake.v1.Intake/ListScopeRules", "5301").ok());
}

}  // namespace
}  // namespace hotline::intake
