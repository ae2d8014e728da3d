#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "google/protobuf/repeated_ptr_field.h"
#include "hotline/common/v1/ticket.pb.h"
#include "hotline/intake/v1/intake.pb.h"

namespace hotline::intake {

// A submission as the SubmitTicket use case takes it (api/convert.h makes it of the request).
struct SubmitCommand {
  std::string idempotency_key;
  hotline::common::v1::Channel channel = hotline::common::v1::CHANNEL_UNSPECIFIED;
  hotline::common::v1::SourceLine source_line = hotline::common::v1::SOURCE_LINE_UNSPECIFIED;
  hotline::common::v1::TicketKind kind = hotline::common::v1::TICKET_KIND_UNSPECIFIED;
  hotline::common::v1::Urgency urgency = hotline::common::v1::URGENCY_UNSPECIFIED;
  std::string category;
  std::string region_code;
  std::string address;
  hotline::common::v1::Caller caller;
  std::string content;
  bool involves_minor = false;
  google::protobuf::RepeatedPtrField<hotline::common::v1::AttachmentRef> attachments;
  bool emergency = false;
  std::string answered_with_article;
  // Of the request as the front-end sent it: the same key with another fingerprint is refused.
  std::string fingerprint;
};

// An idempotency key belongs to the credential that sent it: the stored key is the principal's
// name and the key, joined by '/', which a key may not contain (request_validation.cc).
std::string ScopedIdempotencyKey(const std::string& principal, const std::string& key);

// What became of a submission.
struct SubmitResult {
  std::string ticket_number;
  hotline::common::v1::TicketState state = hotline::common::v1::TICKET_STATE_UNSPECIFIED;
  hotline::intake::v1::ScopeDecision decision = hotline::intake::v1::SCOPE_DECISION_UNSPECIFIED;
  std::string reason_code;
  std::string reason;
  std::optional<hotline::intake::v1::KnowledgeArticle> answer;  // when ANSWERED
  std::vector<hotline::intake::v1::EmergencyLine> referred_to;  // when EMERGENCY_REFERRAL
  hotline::common::v1::Urgency urgency = hotline::common::v1::URGENCY_UNSPECIFIED;
  std::string possible_duplicate_of;
};

// A result is sent, and kept for its idempotency key, as a SubmitTicketResponse: the stored
// answers (intake_requests.response) are that message's bytes, so a repeated request is answered
// as the first one was.
hotline::intake::v1::SubmitTicketResponse ResponseOf(const SubmitResult& result);
// nullopt when the response names no ticket (not one this service stored).
std::optional<SubmitResult> ResultOf(const hotline::intake::v1::SubmitTicketResponse& response);

}  // namespace hotline::intake
