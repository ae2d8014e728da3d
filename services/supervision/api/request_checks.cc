#include "services/supervision/api/request_checks.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/field_violations.h"
#include "libs/service/text_limits.h"

namespace hotline::supervision {
namespace {

namespace v1 = hotline::supervision::v1;
using service::CheckFreeText;
using service::kMaxNoteChars;
using service::kMaxReasonChars;

}  // namespace

absl::Status CheckTicketNumber(const std::string& ticket_number) {
  if (ticket_number.empty()) return InvalidFields({{"ticket_number", "is required"}});
  return absl::OkStatus();
}

absl::Status CheckSuspend(const v1::SuspendRequest& r) {
  std::vector<FieldViolation> bad;
  if (r.ticket_number().empty()) bad.push_back({"ticket_number", "is required"});
  CheckFreeText("reason", r.reason(), kMaxReasonChars, /*required=*/true, bad);
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return absl::OkStatus();
}

absl::Status CheckUrge(const v1::UrgeRequest& r) {
  std::vector<FieldViolation> bad;
  if (r.ticket_number().empty()) bad.push_back({"ticket_number", "is required"});
  CheckFreeText("note", r.note(), kMaxNoteChars, /*required=*/false, bad);
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return absl::OkStatus();
}

absl::Status CheckDecision(int64_t request_id, bool approve, const std::string& reason) {
  if (request_id <= 0) return InvalidFields({{"request_id", "is required"}});
  std::vector<FieldViolation> bad;
  // An approval may say why too; a refusal must.
  CheckFreeText("reason", reason, kMaxReasonChars, /*required=*/!approve, bad);
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return absl::OkStatus();
}

absl::Status CheckRequestExtension(const v1::RequestExtensionRequest& r) {
  std::vector<FieldViolation> bad;
  if (r.ticket_number().empty()) bad.push_back({"ticket_number", "is required"});
  CheckFreeText("reason", r.reason(), kMaxReasonChars, /*required=*/true, bad);
  if (!r.has_requested_due_at()) bad.push_back({"requested_due_at", "is required"});
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return absl::OkStatus();
}

absl::Status CheckReview(const v1::ReviewRequest& r) {
  std::vector<FieldViolation> bad;
  if (r.ticket_number().empty()) bad.push_back({"ticket_number", "is required"});
  if (!r.approve() && r.reason().empty()) {
    bad.push_back({"reason", "is required when sending a reply back"});
  } else {
    CheckFreeText("reason", r.reason(), kMaxReasonChars, /*required=*/false, bad);
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return absl::OkStatus();
}

absl::Status CheckFollowUp(const v1::RecordFollowUpRequest& r) {
  std::vector<FieldViolation> bad;
  if (r.ticket_number().empty()) bad.push_back({"ticket_number", "is required"});
  if (r.contact() == v1::CONTACT_RESULT_UNSPECIFIED || !v1::ContactResult_IsValid(r.contact())) {
    bad.push_back({"contact", "must be REACHED or UNREACHABLE"});
  }
  CheckFreeText("note", r.note(), kMaxNoteChars, /*required=*/false, bad);
  if (r.contact() == v1::CONTACT_RESULT_REACHED &&
      (r.satisfaction() == v1::SATISFACTION_UNSPECIFIED ||
       !v1::Satisfaction_IsValid(r.satisfaction()))) {
    bad.push_back(
        {"satisfaction", "one of the five levels is required when the caller was reached"});
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return absl::OkStatus();
}

absl::Status CheckWithin(const v1::ListDueSoonRequest& r, absl::Duration* within) {
  *within = absl::Hours(24);
  if (!r.has_within()) return absl::OkStatus();
  *within = absl::Seconds(r.within().seconds());
  if (*within <= absl::ZeroDuration() || *within > absl::Hours(24 * 90)) {
    return InvalidFields({{"within", "must be more than 0 and at most 90 days"}});
  }
  return absl::OkStatus();
}

absl::Status CheckPage(int page_size, int kind, const std::string& page_token,
                       std::optional<std::pair<absl::Time, int64_t>>* after) {
  std::vector<FieldViolation> bad;
  if (page_size < 0 || page_size > 500) {
    bad.push_back({"page_size", "must be 0 (default 50) to 500"});
  }
  if (!v1::ClockKind_IsValid(kind)) bad.push_back({"kind", "unknown clock kind"});
  if (!page_token.empty()) {
    std::vector<std::string> parts = absl::StrSplit(page_token, '.');
    int64_t micros = 0, id = 0;
    if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &micros) ||
        !absl::SimpleAtoi(parts[1], &id)) {
      bad.push_back({"page_token", "is not a token this service returned"});
    } else {
      *after = std::make_pair(absl::FromUnixMicros(micros), id);
    }
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return absl::OkStatus();
}

std::string PageToken(const std::pair<absl::Time, int64_t>& last) {
  return absl::StrCat(absl::ToUnixMicros(last.first), ".", last.second);
}

}  // namespace hotline::supervision
