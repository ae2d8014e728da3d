#include "services/intake/api/intake_access.h"

#include <initializer_list>

#include "services/intake/api/ticket_access.h"

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;

struct RpcAccess {
  IntakeRpc rpc;
  std::initializer_list<common::Role> roles;  // none: every authenticated caller
  const char* denied;                         // the refusal's message
};

constexpr char kNotThisMethod[] = "this credential's role may not call this method";

// RPC → roles that may call it. Scope: every ticket read is limited to the caller's jurisdiction.
const RpcAccess kAccess[] = {
    {IntakeRpc::kSubmitTicket,
     {common::ROLE_FRONTEND, common::ROLE_SUPERVISOR, common::ROLE_PROVINCE},
     "this credential's role may not submit tickets"},
    {IntakeRpc::kAddSupplement,
     {common::ROLE_FRONTEND, common::ROLE_SUPERVISOR},
     "only front-ends and the hotline office act for callers"},
    {IntakeRpc::kWithdrawTicket,
     {common::ROLE_FRONTEND, common::ROLE_SUPERVISOR},
     "only front-ends and the hotline office act for callers"},
    {IntakeRpc::kSearchKnowledge,
     {common::ROLE_FRONTEND, common::ROLE_SUPERVISOR, common::ROLE_UNIT, common::ROLE_ADMIN},
     kNotThisMethod},
    {IntakeRpc::kUpsertKnowledgeArticle,
     {common::ROLE_SUPERVISOR, common::ROLE_ADMIN},
     kNotThisMethod},
    {IntakeRpc::kRetireKnowledgeArticle,
     {common::ROLE_SUPERVISOR, common::ROLE_ADMIN},
     kNotThisMethod},
    {IntakeRpc::kListDuplicateLinks,
     {common::ROLE_SUPERVISOR},
     "duplicates are decided by the hotline office"},
    {IntakeRpc::kMergeTickets,
     {common::ROLE_SUPERVISOR},
     "duplicates are decided by the hotline office"},
    {IntakeRpc::kUnlinkDuplicate,
     {common::ROLE_SUPERVISOR},
     "duplicates are decided by the hotline office"},
    {IntakeRpc::kListScopeRules, {common::ROLE_SUPERVISOR, common::ROLE_ADMIN}, kNotThisMethod},
    {IntakeRpc::kUpsertScopeRule, {common::ROLE_SUPERVISOR, common::ROLE_ADMIN}, kNotThisMethod},
    {IntakeRpc::kListCategories, {}, kNotThisMethod},
    {IntakeRpc::kUpsertCategory, {common::ROLE_SUPERVISOR, common::ROLE_ADMIN}, kNotThisMethod},
};

}  // namespace

absl::Status MayCall(const service::Principal& caller, IntakeRpc rpc) {
  // Who reads tickets, and how much of them: ticket_access.h.
  if (rpc == IntakeRpc::kGetTicket) return ReadAccessOf(caller).status();
  for (const RpcAccess& entry : kAccess) {
    if (entry.rpc != rpc) continue;
    if (entry.roles.size() == 0) return absl::OkStatus();
    for (common::Role role : entry.roles) {
      if (caller.role == role) return absl::OkStatus();
    }
    return absl::PermissionDeniedError(entry.denied);
  }
  return absl::PermissionDeniedError(kNotThisMethod);  // an RPC missing from the table
}

}  // namespace hotline::intake
