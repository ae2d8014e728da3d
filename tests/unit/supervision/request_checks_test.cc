// The field checks supervision's adapter makes before any use case runs: free text is bounded.
#include "services/supervision/api/request_checks.h"

#include <catch2/catch.hpp>

#include "libs/common/field_violations.h"

namespace hotline::supervision {
namespace {

namespace v1 = hotline::supervision::v1;

// The fields `status` names as violated.
std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

using Names = std::vector<std::string>;

const std::string kTooLong(1001, 'x');

TEST_CASE("supervision refuses reasons and notes beyond 1000 characters", "[supervision]") {
  v1::SuspendRequest suspend;
  suspend.set_ticket_number("5301-20260101-000001");
  suspend.set_reason(kTooLong);
  CHECK(Fields(CheckSuspend(suspend)) == Names{"reason"});

  v1::RequestExtensionRequest extension;
  extension.set_ticket_number("5301-20260101-000001");
  extension.set_reason(kTooLong);
  extension.mutable_requested_due_at()->set_seconds(1800000000);
  CHECK(Fields(CheckRequestExtension(extension)) == Names{"reason"});

  CHECK(Fields(CheckDecision(1, /*approve=*/false, kTooLong)) == Names{"reason"});
  CHECK(Fields(CheckDecision(1, /*approve=*/true, kTooLong)) == Names{"reason"});
  CHECK(CheckDecision(1, /*approve=*/true, "").ok());

  v1::ReviewRequest review;
  review.set_ticket_number("5301-20260101-000001");
  review.set_approve(true);
  review.set_reason(kTooLong);
  CHECK(Fields(CheckReview(review)) == Names{"reason"});

  v1::UrgeRequest urge;
  urge.set_ticket_number("5301-20260101-000001");
  urge.set_note(kTooLong);
  CHECK(Fields(CheckUrge(urge)) == Names{"note"});
  urge.set_note("请尽快处理");
  CHECK(CheckUrge(urge).ok());

  v1::RecordFollowUpRequest follow_up;
  follow_up.set_ticket_number("5301-20260101-000001");
  follow_up.set_contact(v1::CONTACT_RESULT_UNREACHABLE);
  follow_up.set_note(kTooLong);
  CHECK(Fields(CheckFollowUp(follow_up)) == Names{"note"});
}

TEST_CASE("supervision's free text must be clean UTF-8", "[supervision]") {
  v1::SuspendRequest suspend;
  suspend.set_ticket_number("5301-20260101-000001");
  suspend.set_reason("\xff");
  CHECK(Fields(CheckSuspend(suspend)) == Names{"reason"});
  suspend.set_reason("等待鉴定\x07");
  CHECK(Fields(CheckSuspend(suspend)) == Names{"reason"});
  suspend.set_reason("等待鉴定结果\n第二行");
  CHECK(CheckSuspend(suspend).ok());
}

}  // namespace
}  // namespace hotline::supervision
