#include "services/intake/rules/submission.h"

#include "absl/strings/str_cat.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;

std::string ScopedIdempotencyKey(const std::string& principal, const std::string& key) {
  // A key has no '/': the last one always separates the two, whatever the name holds.
  return absl::StrCat(principal, "/", key);
}

v1::SubmitTicketResponse ResponseOf(const SubmitResult& result) {
  v1::SubmitTicketResponse response;
  response.set_ticket_number(result.ticket_number);
  response.set_state(result.state);
  response.set_decision(result.decision);
  response.set_reason_code(result.reason_code);
  response.set_reason(result.reason);
  if (result.answer) *response.mutable_answer() = *result.answer;
  for (v1::EmergencyLine line : result.referred_to) response.add_referred_to(line);
  response.set_urgency(result.urgency);
  response.set_possible_duplicate_of(result.possible_duplicate_of);
  return response;
}

std::optional<SubmitResult> ResultOf(const v1::SubmitTicketResponse& response) {
  if (response.ticket_number().empty()) return std::nullopt;
  SubmitResult result;
  result.ticket_number = response.ticket_number();
  result.state = response.state();
  result.decision = response.decision();
  result.reason_code = response.reason_code();
  result.reason = response.reason();
  if (response.has_answer()) result.answer = response.answer();
  for (int line : response.referred_to()) {
    result.referred_to.push_back(static_cast<v1::EmergencyLine>(line));
  }
  result.urgency = response.urgency();
  result.possible_duplicate_of = response.possible_duplicate_of();
  return result;
}

}  // namespace hotline::intake
