#include "services/intake/intake_service.h"

#include <algorithm>

#include "libs/domain/region_code.h"
#include "libs/pg/transact.h"
#include "libs/service/rpc_handler.h"

namespace hotline::intake {

namespace common = hotline::common::v1;
using service::FillResponse;
using service::FillResponseAndFinish;
using service::FinishRpc;
using service::HandleCallbackRpc;
using service::HandleRpc;
using service::Principal;
using service::RequireRole;

namespace {

absl::Status MayEditCatalogue(const Principal& caller) {
  return RequireRole(caller, {common::ROLE_SUPERVISOR, common::ROLE_ADMIN});
}

}  // namespace

grpc::ServerUnaryReactor* IntakeService::SubmitTicket(grpc::CallbackServerContext* context,
                                                      const v1::SubmitTicketRequest* request,
                                                      v1::SubmitTicketResponse* response) {
  return HandleCallbackRpc(callers_, context, [&](const Principal& caller, FinishRpc finish) {
    uc_.submit.Start(caller, *request, FillResponseAndFinish(response, std::move(finish)));
  });
}

grpc::Status IntakeService::GetTicket(Context* context, const v1::GetTicketRequest* request,
                                      v1::GetTicketResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(uc_.lookup.Get(caller, *request), response);
  });
}

grpc::Status IntakeService::AddSupplement(Context* context, const v1::AddSupplementRequest* request,
                                          v1::AddSupplementResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(uc_.caller_actions.AddSupplement(caller, *request), response);
  });
}

grpc::Status IntakeService::WithdrawTicket(Context* context,
                                           const v1::WithdrawTicketRequest* request,
                                           v1::WithdrawTicketResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(uc_.caller_actions.Withdraw(caller, *request), response);
  });
}

grpc::Status IntakeService::SearchKnowledge(Context* context,
                                            const v1::SearchKnowledgeRequest* request,
                                            v1::SearchKnowledgeResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    if (absl::Status ok = RequireRole(caller, {common::ROLE_FRONTEND, common::ROLE_SUPERVISOR,
                                               common::ROLE_UNIT, common::ROLE_ADMIN});
        !ok.ok()) {
      return ok;
    }
    std::vector<FieldViolation> violations;
    if (request->query().empty() || request->query().size() > 2000) {
      violations.push_back({"query", "must be 1 to 2000 bytes"});
    }
    if (request->limit() < 0 || request->limit() > 50) {
      violations.push_back({"limit", "must be 0 (default 10) to 50"});
    }
    // Scoped to the place asked about, or else to the caller's own area.
    std::string region = caller.jurisdiction;
    if (!request->region_code().empty()) {
      auto code = domain::RegionCode::Parse(request->region_code());
      if (code.ok()) {
        region = code->code();
      } else {
        violations.push_back({"region_code", std::string(code.status().message())});
      }
    }
    if (!violations.empty()) return InvalidFields(std::move(violations));
    KnowledgeQuery query{request->query(), region, request->category(),
                         request->limit() == 0 ? 10 : request->limit()};
    return pg::Transact(uc_.pool, [&](pqxx::work& tx) {
      for (auto& hit : uc_.knowledge.Search(tx, query)) *response->add_hits() = std::move(hit);
      return absl::OkStatus();
    });
  });
}

grpc::Status IntakeService::UpsertKnowledgeArticle(Context* context,
                                                   const v1::UpsertKnowledgeArticleRequest* request,
                                                   v1::UpsertKnowledgeArticleResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    if (absl::Status ok = MayEditCatalogue(caller); !ok.ok()) return ok;
    std::vector<FieldViolation> violations = ValidateArticle(request->article());
    if (!violations.empty()) return InvalidFields(std::move(violations));
    return FillResponse(pg::TransactFor<v1::KnowledgeArticle>(
                            uc_.pool,
                            [&](pqxx::work& tx) {
                              return uc_.knowledge.Upsert(tx, request->article(), caller.name);
                            }),
                        response->mutable_article());
  });
}

grpc::Status IntakeService::RetireKnowledgeArticle(Context* context,
                                                   const v1::RetireKnowledgeArticleRequest* request,
                                                   v1::RetireKnowledgeArticleResponse*) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    if (absl::Status ok = MayEditCatalogue(caller); !ok.ok()) return ok;
    if (request->key().empty()) return InvalidFields({{"key", "is required"}});
    return pg::Transact(uc_.pool,
                        [&](pqxx::work& tx) { return uc_.knowledge.Retire(tx, request->key()); });
  });
}

grpc::Status IntakeService::ListDuplicateLinks(Context* context,
                                               const v1::ListDuplicateLinksRequest* request,
                                               v1::ListDuplicateLinksResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(uc_.duplicates.List(caller, *request), response);
  });
}

grpc::Status IntakeService::MergeTickets(Context* context, const v1::MergeTicketsRequest* request,
                                         v1::MergeTicketsResponse*) {
  return HandleRpc(callers_, context,
                   [&](const Principal& caller) { return uc_.duplicates.Merge(caller, *request); });
}

grpc::Status IntakeService::UnlinkDuplicate(Context* context,
                                            const v1::UnlinkDuplicateRequest* request,
                                            v1::UnlinkDuplicateResponse*) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return uc_.duplicates.Unlink(caller, *request);
  });
}

grpc::Status IntakeService::ListScopeRules(Context* context, const v1::ListScopeRulesRequest*,
                                           v1::ListScopeRulesResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    if (absl::Status ok = MayEditCatalogue(caller); !ok.ok()) return ok;
    auto snapshot = uc_.catalogue.Current();
    if (!snapshot.ok()) return snapshot.status();
    for (const auto& rule : (*snapshot)->rules) *response->add_rules() = rule;
    return absl::OkStatus();
  });
}

grpc::Status IntakeService::UpsertScopeRule(Context* context,
                                            const v1::UpsertScopeRuleRequest* request,
                                            v1::UpsertScopeRuleResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    if (absl::Status ok = MayEditCatalogue(caller); !ok.ok()) return ok;
    return FillResponse(uc_.catalogue.UpsertScopeRule(request->rule()), response->mutable_rule());
  });
}

grpc::Status IntakeService::ListCategories(Context* context, const v1::ListCategoriesRequest*,
                                           v1::ListCategoriesResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal&) -> absl::Status {
    auto snapshot = uc_.catalogue.Current();
    if (!snapshot.ok()) return snapshot.status();
    std::vector<const v1::Category*> sorted;
    for (const auto& [code, category] : (*snapshot)->categories) sorted.push_back(&category);
    std::sort(sorted.begin(), sorted.end(),
              [](const auto* a, const auto* b) { return a->code() < b->code(); });
    for (const auto* category : sorted) *response->add_categories() = *category;
    return absl::OkStatus();
  });
}

grpc::Status IntakeService::UpsertCategory(Context* context,
                                           const v1::UpsertCategoryRequest* request,
                                           v1::UpsertCategoryResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    if (absl::Status ok = MayEditCatalogue(caller); !ok.ok()) return ok;
    return FillResponse(uc_.catalogue.UpsertCategory(request->category()),
                        response->mutable_category());
  });
}

}  // namespace hotline::intake
