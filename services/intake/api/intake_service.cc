#include "services/intake/api/intake_service.h"

#include "libs/common/proto_time.h"
#include "libs/service/rpc_handler.h"
#include "services/intake/api/convert.h"
#include "services/intake/api/intake_access.h"
#include "services/intake/api/ticket_access.h"

namespace hotline::intake {

using service::FillResponse;
using service::FinishRpc;
using service::HandleCallbackRpc;
using service::HandleRpc;
using service::Principal;

namespace {

// A use case's value converted into the response, or its error.
template <typename T, typename Response, typename Convert>
absl::Status Respond(absl::StatusOr<T> result, Response* response, Convert convert) {
  if (!result.ok()) return result.status();
  *response = convert(*std::move(result));
  return absl::OkStatus();
}

// How far `caller` reaches tickets on `rpc`, as its line in the access table says.
TicketScope ScopeOf(const Principal& caller, const char* rpc) {
  const service::AccessRule* rule =
      IntakeAccess().RuleFor(std::string("/hotline.intake.v1.Intake/") + rpc, caller.role);
  return rule != nullptr && rule->scope == service::Scope::kOwnSubmissions
             ? TicketScope::kOwnSubmissions
             : TicketScope::kJurisdiction;
}

}  // namespace

grpc::ServerUnaryReactor* IntakeService::SubmitTicket(grpc::CallbackServerContext* context,
                                                      const v1::SubmitTicketRequest* request,
                                                      v1::SubmitTicketResponse* response) {
  return HandleCallbackRpc(callers_, context, [&](const Principal& caller, FinishRpc finish) {
    uc_.submit.Start(
        caller.ToActor(), CommandOf(*request),
        [response, finish = std::move(finish)](absl::StatusOr<SubmitResult> result) mutable {
          finish(Respond(std::move(result), response,
                         [](const SubmitResult& r) { return ResponseOf(r); }));
        });
  });
}

grpc::Status IntakeService::GetTicket(Context* context, const v1::GetTicketRequest* request,
                                      v1::GetTicketResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    absl::StatusOr<ReadAccess> access = ReadAccessOf(caller);
    if (!access.ok()) return access.status();
    return Respond(uc_.lookup.Get(caller.ToActor(), *access, request->ticket_number()), response,
                   [](TicketDetails details) { return ResponseOf(std::move(details)); });
  });
}

grpc::Status IntakeService::AddSupplement(Context* context, const v1::AddSupplementRequest* request,
                                          v1::AddSupplementResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    return Respond(uc_.caller_actions.AddSupplement(caller.ToActor(), CommandOf(*request),
                                                    ScopeOf(caller, "AddSupplement")),
                   response, SupplementResponseOf);
  });
}

grpc::Status IntakeService::WithdrawTicket(Context* context,
                                           const v1::WithdrawTicketRequest* request,
                                           v1::WithdrawTicketResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    return Respond(uc_.caller_actions.Withdraw(caller.ToActor(), CommandOf(*request),
                                               ScopeOf(caller, "WithdrawTicket")),
                   response, WithdrawResponseOf);
  });
}

grpc::Status IntakeService::SearchKnowledge(Context* context,
                                            const v1::SearchKnowledgeRequest* request,
                                            v1::SearchKnowledgeResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    absl::StatusOr<KnowledgeQuery> query = QueryOf(caller, *request);
    if (!query.ok()) return query.status();
    auto hits = uc_.knowledge.Search(*query);
    if (!hits.ok()) return hits.status();
    for (v1::KnowledgeHit& hit : *hits) *response->add_hits() = std::move(hit);
    return absl::OkStatus();
  });
}

grpc::Status IntakeService::UpsertKnowledgeArticle(Context* context,
                                                   const v1::UpsertKnowledgeArticleRequest* request,
                                                   v1::UpsertKnowledgeArticleResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    return FillResponse(uc_.knowledge.Upsert(request->article(), caller.name),
                        response->mutable_article());
  });
}

grpc::Status IntakeService::RetireKnowledgeArticle(Context* context,
                                                   const v1::RetireKnowledgeArticleRequest* request,
                                                   v1::RetireKnowledgeArticleResponse*) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    return uc_.knowledge.Retire(request->key());
  });
}

grpc::Status IntakeService::SetKnowledgeSynonyms(Context* context,
                                                 const v1::SetKnowledgeSynonymsRequest* request,
                                                 v1::SetKnowledgeSynonymsResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    absl::StatusOr<KnowledgeSynonyms> stored =
        uc_.knowledge.SetSynonyms(SynonymsOf(request->synonyms()), caller.name);
    if (!stored.ok()) return stored.status();
    *response->mutable_synonyms() = SynonymsProto(*stored);
    return absl::OkStatus();
  });
}

grpc::Status IntakeService::ListKnowledgeSynonyms(Context* context,
                                                  const v1::ListKnowledgeSynonymsRequest*,
                                                  v1::ListKnowledgeSynonymsResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal&) -> absl::Status {
    absl::StatusOr<std::vector<KnowledgeSynonyms>> all = uc_.knowledge.ListSynonyms();
    if (!all.ok()) return all.status();
    for (const KnowledgeSynonyms& s : *all) *response->add_synonyms() = SynonymsProto(s);
    return absl::OkStatus();
  });
}

grpc::Status IntakeService::ListDuplicateLinks(Context* context,
                                               const v1::ListDuplicateLinksRequest* request,
                                               v1::ListDuplicateLinksResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    return Respond(uc_.duplicates.List(caller.ToActor(), QueryOf(*request)), response,
                   [](DuplicateLinkPage page) { return ResponseOf(std::move(page)); });
  });
}

grpc::Status IntakeService::MergeTickets(Context* context, const v1::MergeTicketsRequest* request,
                                         v1::MergeTicketsResponse*) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    return uc_.duplicates.Merge(caller.ToActor(), request->duplicate_ticket_number(),
                                request->surviving_ticket_number());
  });
}

grpc::Status IntakeService::UnlinkDuplicate(Context* context,
                                            const v1::UnlinkDuplicateRequest* request,
                                            v1::UnlinkDuplicateResponse*) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    return uc_.duplicates.Unlink(caller.ToActor(), request->ticket_number());
  });
}

grpc::Status IntakeService::ListScopeRules(Context* context, const v1::ListScopeRulesRequest*,
                                           v1::ListScopeRulesResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
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
    return FillResponse(uc_.catalogue.UpsertScopeRule(request->rule()), response->mutable_rule());
  });
}

grpc::Status IntakeService::ListCategories(Context* context, const v1::ListCategoriesRequest*,
                                           v1::ListCategoriesResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    auto categories = uc_.catalogue.Categories();
    if (!categories.ok()) return categories.status();
    for (v1::Category& category : *categories) *response->add_categories() = std::move(category);
    return absl::OkStatus();
  });
}

grpc::Status IntakeService::UpsertCategory(Context* context,
                                           const v1::UpsertCategoryRequest* request,
                                           v1::UpsertCategoryResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    return FillResponse(uc_.catalogue.UpsertCategory(request->category()),
                        response->mutable_category());
  });
}

grpc::Status IntakeService::ListAuditTrail(Context* context,
                                           const v1::ListAuditTrailRequest* request,
                                           v1::ListAuditTrailResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    AuditTrailQuery query{request->ticket_number(), request->actor()};
    if (request->has_from()) query.from = FromTimestamp(request->from());
    if (request->has_to()) query.to = FromTimestamp(request->to());
    query.page_size = request->page_size();
    query.page_token = request->page_token();
    absl::StatusOr<AuditTrailPage> page = uc_.audit_trail.List(caller.ToActor(), query);
    if (!page.ok()) return page.status();
    for (v1::AuditEntry& e : page->entries) *response->add_entries() = std::move(e);
    response->set_next_page_token(std::move(page->next_page_token));
    return absl::OkStatus();
  });
}

grpc::Status IntakeService::FlagCaller(Context* context, const v1::FlagCallerRequest* request,
                                       v1::FlagCallerResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    std::optional<absl::Time> expires_at;
    if (request->has_expires_at()) expires_at = FromTimestamp(request->expires_at());
    return FillResponse(
        uc_.caller_flags.Flag(request->phone(), request->reason_code(), expires_at, caller.name),
        response->mutable_flag());
  });
}

grpc::Status IntakeService::LiftCallerFlag(Context* context,
                                           const v1::LiftCallerFlagRequest* request,
                                           v1::LiftCallerFlagResponse*) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    return uc_.caller_flags.Lift(request->id(), caller.name);
  });
}

grpc::Status IntakeService::ListCallerFlags(Context* context, const v1::ListCallerFlagsRequest*,
                                            v1::ListCallerFlagsResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal&) -> absl::Status {
    absl::StatusOr<std::vector<v1::CallerFlag>> flags = uc_.caller_flags.List();
    if (!flags.ok()) return flags.status();
    for (v1::CallerFlag& flag : *flags) *response->add_flags() = std::move(flag);
    return absl::OkStatus();
  });
}

}  // namespace hotline::intake
