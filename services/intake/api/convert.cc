#include "services/intake/api/convert.h"

#include <string>
#include <utility>

#include "libs/common/field_violations.h"
#include "libs/domain/region_code.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;

SubmitCommand CommandOf(const v1::SubmitTicketRequest& request) {
  SubmitCommand c;
  c.idempotency_key = request.idempotency_key();
  c.channel = request.channel();
  c.source_line = request.source_line();
  c.kind = request.kind();
  c.urgency = request.urgency();
  c.category = request.category();
  c.region_code = request.region_code();
  c.address = request.address();
  c.caller = request.caller();
  c.content = request.content();
  c.involves_minor = request.involves_minor();
  c.attachments = request.attachments();
  c.emergency = request.emergency();
  c.answered_with_article = request.answered_with_article();
  c.fingerprint = service::Sha256Hex(request.SerializeAsString());
  return c;
}

AddSupplementCommand CommandOf(const v1::AddSupplementRequest& request) {
  return {request.ticket_number(), request.content(), request.attachments(),
          request.expected_version()};
}

WithdrawCommand CommandOf(const v1::WithdrawTicketRequest& request) {
  return {request.ticket_number(), request.reason(), request.expected_version()};
}

DuplicateLinkQuery QueryOf(const v1::ListDuplicateLinksRequest& request) {
  return {request.state(), request.page_size(), request.page_token()};
}

absl::StatusOr<KnowledgeQuery> QueryOf(const service::Principal& caller,
                                       const v1::SearchKnowledgeRequest& request) {
  std::vector<FieldViolation> violations;
  if (request.query().empty() || request.query().size() > 2000) {
    violations.push_back({"query", "must be 1 to 2000 bytes"});
  }
  if (request.limit() < 0 || request.limit() > 50) {
    violations.push_back({"limit", "must be 0 (default 10) to 50"});
  }
  std::string region = caller.jurisdiction;
  if (!request.region_code().empty()) {
    auto code = domain::RegionCode::Parse(request.region_code());
    if (code.ok()) {
      region = code->code();
    } else {
      violations.push_back({"region_code", std::string(code.status().message())});
    }
  }
  if (!violations.empty()) return InvalidFields(std::move(violations));
  return KnowledgeQuery{request.query(), region, request.category(),
                        request.limit() == 0 ? 10 : request.limit()};
}

KnowledgeSynonyms SynonymsOf(const v1::KnowledgeSynonyms& synonyms) {
  return {synonyms.term(), {synonyms.related().begin(), synonyms.related().end()}};
}

v1::KnowledgeSynonyms SynonymsProto(const KnowledgeSynonyms& synonyms) {
  v1::KnowledgeSynonyms out;
  out.set_term(synonyms.term);
  for (const std::string& r : synonyms.related) out.add_related(r);
  return out;
}

v1::GetTicketResponse ResponseOf(TicketDetails details) {
  v1::GetTicketResponse response;
  for (v1::HandlingUnit& unit : details.handling_units) {
    *response.add_handling_units() = std::move(unit);
  }
  for (v1::Deadline& deadline : details.deadlines) *response.add_deadlines() = std::move(deadline);
  for (v1::TimelineEntry& entry : details.timeline) *response.add_timeline() = std::move(entry);
  for (v1::Supplement& s : details.supplements) *response.add_supplements() = std::move(s);
  for (v1::EmergencyLine line : details.referred_to) response.add_referred_to(line);
  response.set_possible_duplicate_of(std::move(details.possible_duplicate_of));
  response.set_merged_into(std::move(details.merged_into));
  if (details.transferred_to) *response.mutable_transferred_to() = *details.transferred_to;
  response.set_masked(details.masked);
  *response.mutable_ticket() = std::move(details.ticket);
  return response;
}

v1::AddSupplementResponse SupplementResponseOf(const TicketVersion& version) {
  v1::AddSupplementResponse response;
  response.set_version(version.version);
  return response;
}

v1::WithdrawTicketResponse WithdrawResponseOf(const TicketVersion& version) {
  v1::WithdrawTicketResponse response;
  response.set_state(version.state);
  response.set_version(version.version);
  return response;
}

v1::ListDuplicateLinksResponse ResponseOf(DuplicateLinkPage page) {
  v1::ListDuplicateLinksResponse response;
  for (v1::DuplicateLink& link : page.links) *response.add_links() = std::move(link);
  response.set_next_page_token(std::move(page.next_page_token));
  return response;
}

}  // namespace hotline::intake
