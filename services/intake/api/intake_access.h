#pragma once

#include "absl/status/status.h"
#include "libs/service/token_auth.h"

namespace hotline::intake {

// The RPCs of hotline.intake.v1.Intake, for the access table.
enum class IntakeRpc {
  kSubmitTicket,
  kGetTicket,
  kAddSupplement,
  kWithdrawTicket,
  kSearchKnowledge,
  kUpsertKnowledgeArticle,
  kRetireKnowledgeArticle,
  kListDuplicateLinks,
  kMergeTickets,
  kUnlinkDuplicate,
  kListScopeRules,
  kUpsertScopeRule,
  kListCategories,
  kUpsertCategory,
};

// Whether `caller`'s role may call `rpc` (the table in intake_access.cc; README "RPCs"):
// PERMISSION_DENIED with the method's own message when not. The adapter asks before any use case
// runs; use cases never compare roles. Scope (the caller's jurisdiction) is checked where the
// ticket is read.
absl::Status MayCall(const service::Principal& caller, IntakeRpc rpc);

}  // namespace hotline::intake
