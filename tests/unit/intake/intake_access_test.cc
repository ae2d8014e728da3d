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
  auto [rpc, role, allowed] = GENERATE(table<IntakeRpc, common::Role, bool>({
      {IntakeRpc::kSubmitTicket, common::ROLE_FRONTEND, true},
      {IntakeRpc::kSubmitTicket, common::ROLE_PROVINCE, true},
      {IntakeRpc::kSubmitTicket, common::ROLE_UNIT, false},
      {IntakeRpc::kGetTicket, common::ROLE_ADMIN, true},
      {IntakeRpc::kGetTicket, common::ROLE_UNIT, false},
      {IntakeRpc::kAddSupplement, common::ROLE_SUPERVISOR, true},
      {IntakeRpc::kWithdrawTicket, common::ROLE_PROVINCE, false},
      {IntakeRpc::kSearchKnowledge, common::ROLE_UNIT, true},
      {IntakeRpc::kSearchKnowledge, common::ROLE_REPORTING, false},
      {IntakeRpc::kUpsertKnowledgeArticle, common::ROLE_ADMIN, true},
      {IntakeRpc::kRetireKnowledgeArticle, common::ROLE_FRONTEND, false},
      {IntakeRpc::kMergeTickets, common::ROLE_SUPERVISOR, true},
      {IntakeRpc::kUnlinkDuplicate, common::ROLE_ADMIN, false},
      {IntakeRpc::kListDuplicateLinks, common::ROLE_FRONTEND, false},
      {IntakeRpc::kListScopeRules, common::ROLE_FRONTEND, false},
      {IntakeRpc::kUpsertScopeRule, common::ROLE_SUPERVISOR, true},
      {IntakeRpc::kUpsertCategory, common::ROLE_ADMIN, true},
      {IntakeRpc::kListCategories, common::ROLE_UNSPECIFIED, true},
  }));
  const absl::Status status = MayCall(Caller(role), rpc);
  CAPTURE(static_cast<int>(rpc), common::Role_Name(role), status.ToString());
  CHECK(status.ok() == allowed);
  if (!allowed) CHECK(status.code() == absl::StatusCode::kPermissionDenied);
}

TEST_CASE("refusals keep each method's message", "[intake_access]") {
  CHECK(MayCall(Caller(common::ROLE_UNIT), IntakeRpc::kSubmitTicket).message() ==
        "this credential's role may not submit tickets");
  CHECK(MayCall(Caller(common::ROLE_UNIT), IntakeRpc::kWithdrawTicket).message() ==
        "only front-ends and the hotline office act for callers");
  CHECK(MayCall(Caller(common::ROLE_FRONTEND), IntakeRpc::kMergeTickets).message() ==
        "duplicates are decided by the hotline office");
  CHECK(MayCall(Caller(common::ROLE_UNIT), IntakeRpc::kGetTicket).message() ==
        "role ROLE_UNIT may not read tickets here");
  CHECK(MayCall(Caller(common::ROLE_FRONTEND), IntakeRpc::kUpsertCategory).message() ==
        "this credential's role may not call this method");
}

}  // namespace
}  // namespace hotline::intake
