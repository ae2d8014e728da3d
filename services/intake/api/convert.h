#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/service/token_auth.h"
#include "services/intake/app/caller_actions.h"
#include "services/intake/app/duplicate_review.h"
#include "services/intake/app/knowledge_base.h"
#include "services/intake/app/ticket_lookup.h"
#include "services/intake/rules/submission.h"

// Requests of hotline.intake.v1.Intake into the use cases' commands, and their results into
// responses.
namespace hotline::intake {

SubmitCommand CommandOf(const hotline::intake::v1::SubmitTicketRequest& request);
AddSupplementCommand CommandOf(const hotline::intake::v1::AddSupplementRequest& request);
WithdrawCommand CommandOf(const hotline::intake::v1::WithdrawTicketRequest& request);
DuplicateLinkQuery QueryOf(const hotline::intake::v1::ListDuplicateLinksRequest& request);
// Scoped to the place asked about, or else to the caller's own area; INVALID_ARGUMENT naming the
// fields when the request is out of bounds.
absl::StatusOr<KnowledgeQuery> QueryOf(const service::Principal& caller,
                                       const hotline::intake::v1::SearchKnowledgeRequest& request);
KnowledgeSynonyms SynonymsOf(const hotline::intake::v1::KnowledgeSynonyms& synonyms);
hotline::intake::v1::KnowledgeSynonyms SynonymsProto(const KnowledgeSynonyms& synonyms);

hotline::intake::v1::GetTicketResponse ResponseOf(TicketDetails details);
hotline::intake::v1::AddSupplementResponse SupplementResponseOf(const TicketVersion& version);
hotline::intake::v1::WithdrawTicketResponse WithdrawResponseOf(const TicketVersion& version);
hotline::intake::v1::ListDuplicateLinksResponse ResponseOf(DuplicateLinkPage page);

}  // namespace hotline::intake
