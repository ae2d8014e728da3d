// The hotline office's queues over real intake, routing and supervision processes: pending
// suspension and extension requests, replies awaiting review, follow-up calls due — each lists
// what waits in the office's jurisdiction, filters, counts and pages.
#include <catch2/catch.hpp>

#include "tests/e2e/supervision/supervision_fixture.h"

namespace hotline::supervision::testing {
namespace {

namespace v1 = hotline::supervision::v1;
namespace common = hotline::common::v1;

const std::string kLead = "530102-education";
const absl::Time kSubmitted = Cst(2026, 12, 7, 9);  // a Monday

using Lister = grpc::Status (v1::Supervision::Stub::*)(grpc::ClientContext*,
                                                       const v1::OfficeQueueRequest&,
                                                       v1::OfficeQueueResponse*);

v1::OfficeQueueResponse List(SupervisionFixture& f, Lister list, const std::string& token,
                             const v1::OfficeQueueRequest& request = {}) {
  v1::OfficeQueueResponse response;
  const grpc::Status status = (f.supervision().*list)(f.As(token).get(), request, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  return response;
}

std::vector<std::string> Numbers(const v1::OfficeQueueResponse& r) {
  std::vector<std::string> out;
  for (const v1::OfficeQueueItem& item : r.items()) out.push_back(item.ticket_number());
  return out;
}

TEST_CASE("the office's queues list what waits for it, filtered, counted and paged",
          "[supervision]") {
  SupervisionFixture f;
  f.SetClock(kSubmitted);
  const std::string suspended = f.Submit("education/fees", "530102");
  const std::string extended = f.Submit("education/fees", "530102");
  const std::string replied = f.Submit("education/fees", "530102");
  const std::string replied_too = f.Submit("education/enrolment", "530102");
  const std::string closed = f.Submit("education/fees", "530102");
  for (const std::string& n : {suspended, extended, replied, replied_too, closed}) {
    f.WaitForClocks(n, 4);
  }

  // The lead's suspension request waits for the office.
  REQUIRE(f.Sign(suspended, kLead).ok());
  v1::SuspendRequest suspend;
  suspend.set_ticket_number(suspended);
  suspend.set_reason("等待司法鉴定结果");
  v1::SuspendResponse asked;
  REQUIRE(f.supervision().Suspend(f.As(f.UnitToken(kLead)).get(), suspend, &asked).ok());
  REQUIRE_FALSE(asked.suspended());
  // The lead's extension request, to a later due time.
  REQUIRE(f.Sign(extended, kLead).ok());
  v1::RequestExtensionRequest extend;
  extend.set_ticket_number(extended);
  extend.set_reason("需要现场核查");
  const v1::Clock handling = f.ClockOf(extended, v1::CLOCK_KIND_HANDLING);
  *extend.mutable_requested_due_at() = Proto(FromProto(handling.due_at()) + absl::Hours(24 * 7));
  v1::RequestExtensionResponse requested;
  grpc::Status status =
      f.supervision().RequestExtension(f.As(f.UnitToken(kLead)).get(), extend, &requested);
  INFO(status.error_message());
  REQUIRE(status.ok());
  // Two replies waiting for review; a third reviewed and closed, its follow-up call due.
  f.HandleUpToReply(replied);
  f.HandleUpToReply(replied_too);
  f.HandleUpToReply(closed);
  v1::ReviewRequest review;
  review.set_ticket_number(closed);
  review.set_approve(true);
  v1::ReviewResponse reviewed;
  REQUIRE(f.supervision().Review(f.As(f.supervisor).get(), review, &reviewed).ok());
  f.WaitForClock(closed, v1::CLOCK_KIND_FOLLOW_UP, v1::CLOCK_STATE_RUNNING);
  f.SetClock(kSubmitted + absl::Hours(3));

  const v1::OfficeQueueResponse suspensions =
      List(f, &v1::Supervision::Stub::ListPendingSuspensions, f.supervisor);
  CHECK(suspensions.total() == 1);
  REQUIRE(Numbers(suspensions) == std::vector<std::string>{suspended});
  CHECK(suspensions.items(0).request_id() == asked.request_id());
  CHECK(suspensions.items(0).requested_by() == kLead);
  CHECK(suspensions.items(0).category() == "education/fees");

  const v1::OfficeQueueResponse extensions =
      List(f, &v1::Supervision::Stub::ListPendingExtensions, f.supervisor);
  REQUIRE(Numbers(extensions) == std::vector<std::string>{extended});
  CHECK(extensions.items(0).request_id() == requested.request().id());
  CHECK(extensions.items(0).requested_due_at().seconds() == extend.requested_due_at().seconds());

  v1::OfficeQueueRequest one;
  one.set_page_size(1);
  const v1::OfficeQueueResponse first =
      List(f, &v1::Supervision::Stub::ListAwaitingReview, f.supervisor, one);
  CHECK(first.total() == 2);
  REQUIRE(first.items_size() == 1);
  REQUIRE_FALSE(first.next_page_token().empty());
  one.set_page_token(first.next_page_token());
  const v1::OfficeQueueResponse second =
      List(f, &v1::Supervision::Stub::ListAwaitingReview, f.supervisor, one);
  REQUIRE(second.items_size() == 1);
  CHECK(second.next_page_token().empty());
  std::vector<std::string> both = {first.items(0).ticket_number(), second.items(0).ticket_number()};
  std::sort(both.begin(), both.end());
  std::vector<std::string> expected = {replied, replied_too};
  std::sort(expected.begin(), expected.end());
  CHECK(both == expected);
  v1::OfficeQueueRequest enrolment;
  enrolment.set_category_prefix("education/enrolment");
  CHECK(Numbers(List(f, &v1::Supervision::Stub::ListAwaitingReview, f.supervisor, enrolment)) ==
        std::vector<std::string>{replied_too});

  const v1::OfficeQueueResponse follow_ups =
      List(f, &v1::Supervision::Stub::ListFollowUpsDue, f.supervisor);
  REQUIRE(Numbers(follow_ups) == std::vector<std::string>{closed});
  CHECK(follow_ups.items(0).has_due_at());

  // Filters: age, urgency, place; another prefecture's office sees none of them.
  v1::OfficeQueueRequest old;
  old.mutable_min_age()->set_seconds(2 * 3600);
  CHECK(List(f, &v1::Supervision::Stub::ListPendingSuspensions, f.supervisor, old).total() == 1);
  old.mutable_min_age()->set_seconds(4 * 3600);
  CHECK(List(f, &v1::Supervision::Stub::ListPendingSuspensions, f.supervisor, old).total() == 0);
  v1::OfficeQueueRequest urgent;
  urgent.set_urgency(common::URGENCY_EXTRA_URGENT);
  CHECK(List(f, &v1::Supervision::Stub::ListPendingExtensions, f.supervisor, urgent).total() == 0);
  v1::OfficeQueueRequest panlong;
  panlong.set_region_prefix("530103");
  CHECK(List(f, &v1::Supervision::Stub::ListFollowUpsDue, f.supervisor, panlong).total() == 0);
  CHECK(List(f, &v1::Supervision::Stub::ListPendingSuspensions, f.supervisor_qujing).total() == 0);

  v1::OfficeQueueRequest outside;
  outside.set_region_prefix("530102");
  v1::OfficeQueueResponse refused;
  status = f.supervision().ListAwaitingReview(f.As(f.supervisor_qujing).get(), outside, &refused);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(status.error_message().find("region_prefix") != std::string::npos);
  CHECK(f.supervision()
            .ListAwaitingReview(f.As(f.UnitToken(kLead)).get(), {}, &refused)
            .error_code() == grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace hotline::supervision::testing
