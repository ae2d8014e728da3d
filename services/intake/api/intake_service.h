#pragma once

#include "absl/functional/function_ref.h"
#include "hotline/intake/v1/intake.grpc.pb.h"
#include "libs/service/auth_interceptor.h"
#include "services/intake/app/audit_trail.h"
#include "services/intake/app/caller_actions.h"
#include "services/intake/app/caller_flags.h"
#include "services/intake/app/catalogue.h"
#include "services/intake/app/duplicate_review.h"
#include "services/intake/app/knowledge_base.h"
#include "services/intake/app/submit_ticket.h"
#include "services/intake/app/ticket_lookup.h"

namespace hotline::intake {

// The use cases the gRPC adapter calls; built by main.cc, owned there.
struct IntakeUseCases {
  SubmitTicket& submit;
  TicketLookup& lookup;
  CallerActions& caller_actions;
  DuplicateReview& duplicates;
  Catalogue& catalogue;
  KnowledgeBase& knowledge;
  AuditTrail& audit_trail;
  CallerFlags& caller_flags;
};

// gRPC adapter of hotline.intake.v1.Intake: the caller from the token, the access table
// (intake_access.h), the request converted (convert.h), a use case, the status.
// SubmitTicket is a callback method: it queues the submission for the group-commit writers and
// returns, and the writer that commits it finishes the call, so no gRPC thread waits for
// PostgreSQL. The other methods are synchronous.
class IntakeService final : public hotline::intake::v1::Intake::WithCallbackMethod_SubmitTicket<
                                hotline::intake::v1::Intake::Service> {
 public:
  IntakeService(IntakeUseCases use_cases, service::CallerRegistry& callers)
      : uc_(use_cases), callers_(callers) {}

  using Context = grpc::ServerContext;
  grpc::ServerUnaryReactor* SubmitTicket(grpc::CallbackServerContext*,
                                         const v1::SubmitTicketRequest*,
                                         v1::SubmitTicketResponse*) override;
  grpc::Status GetTicket(Context*, const v1::GetTicketRequest*, v1::GetTicketResponse*) override;
  grpc::Status AddSupplement(Context*, const v1::AddSupplementRequest*,
                             v1::AddSupplementResponse*) override;
  grpc::Status WithdrawTicket(Context*, const v1::WithdrawTicketRequest*,
                              v1::WithdrawTicketResponse*) override;
  grpc::Status SearchKnowledge(Context*, const v1::SearchKnowledgeRequest*,
                               v1::SearchKnowledgeResponse*) override;
  grpc::Status UpsertKnowledgeArticle(Context*, const v1::UpsertKnowledgeArticleRequest*,
                                      v1::UpsertKnowledgeArticleResponse*) override;
  grpc::Status RetireKnowledgeArticle(Context*, const v1::RetireKnowledgeArticleRequest*,
                                      v1::RetireKnowledgeArticleResponse*) override;
  grpc::Status SetKnowledgeSynonyms(Context*, const v1::SetKnowledgeSynonymsRequest*,
                                    v1::SetKnowledgeSynonymsResponse*) override;
  grpc::Status ListKnowledgeSynonyms(Context*, const v1::ListKnowledgeSynonymsRequest*,
                                     v1::ListKnowledgeSynonymsResponse*) override;
  grpc::Status ListDuplicateLinks(Context*, const v1::ListDuplicateLinksRequest*,
                                  v1::ListDuplicateLinksResponse*) override;
  grpc::Status MergeTickets(Context*, const v1::MergeTicketsRequest*,
                            v1::MergeTicketsResponse*) override;
  grpc::Status UnlinkDuplicate(Context*, const v1::UnlinkDuplicateRequest*,
                               v1::UnlinkDuplicateResponse*) override;
  grpc::Status ListScopeRules(Context*, const v1::ListScopeRulesRequest*,
                              v1::ListScopeRulesResponse*) override;
  grpc::Status UpsertScopeRule(Context*, const v1::UpsertScopeRuleRequest*,
                               v1::UpsertScopeRuleResponse*) override;
  grpc::Status ListCategories(Context*, const v1::ListCategoriesRequest*,
                              v1::ListCategoriesResponse*) override;
  grpc::Status UpsertCategory(Context*, const v1::UpsertCategoryRequest*,
                              v1::UpsertCategoryResponse*) override;
  grpc::Status ListAuditTrail(Context*, const v1::ListAuditTrailRequest*,
                              v1::ListAuditTrailResponse*) override;
  grpc::Status FlagCaller(Context*, const v1::FlagCallerRequest*, v1::FlagCallerResponse*) override;
  grpc::Status LiftCallerFlag(Context*, const v1::LiftCallerFlagRequest*,
                              v1::LiftCallerFlagResponse*) override;
  grpc::Status ListCallerFlags(Context*, const v1::ListCallerFlagsRequest*,
                               v1::ListCallerFlagsResponse*) override;

 private:
  IntakeUseCases uc_;
  service::CallerRegistry& callers_;
};

}  // namespace hotline::intake
