// GetTicket's masking by role and jurisdiction, the audit of unmasked reads, supplements and
// withdrawal.
#include <catch2/catch.hpp>

#include "tests/e2e/intake/intake_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::intake::testing {
namespace {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;
using ::hotline::testing::UniqueName;

grpc::StatusCode GetCode(IntakeFixture& f, const std::string& number, const std::string& token) {
  v1::GetTicketRequest request;
  request.set_ticket_number(number);
  v1::GetTicketResponse response;
  return f.stub().GetTicket(f.As(token).get(), request, &response).error_code();
}

TEST_CASE("personal data is shown only to those who may see it, and every such read is audited",
          "[intake][privacy]") {
  IntakeFixture f;
  v1::SubmitTicketResponse adult, minor;
  REQUIRE(f.Submit(f.ValidRequest(UniqueName("k")), &adult).ok());
  auto request = f.ValidRequest(UniqueName("k"));
  request.set_category("minor-protection/school-bullying");
  request.set_involves_minor(true);
  request.set_content("孩子在学校被同学长期欺负，老师不管。");
  REQUIRE(f.Submit(request, &minor).ok());

  // The Kunming front-end sees an adult's ticket in full …
  auto full = f.Get(adult.ticket_number(), f.frontend_kunming);
  CHECK_FALSE(full.masked());
  CHECK(full.ticket().caller().phone() == "13812345678");
  CHECK(full.ticket().caller().name() == "李明");
  CHECK_FALSE(full.ticket().content().empty());
  // … but a minor's masked.
  auto masked = f.Get(minor.ticket_number(), f.frontend_kunming);
  CHECK(masked.masked());
  CHECK(masked.ticket().caller().phone() == "138****5678");
  CHECK(masked.ticket().caller().name() == "李*");
  CHECK(masked.ticket().content().empty());
  CHECK(masked.ticket().address() == "***");
  // The hotline office sees both; the platform and operators only masked.
  CHECK_FALSE(f.Get(minor.ticket_number(), f.supervisor).masked());
  CHECK(f.Get(adult.ticket_number(), f.province).masked());
  CHECK(f.Get(adult.ticket_number(), f.admin).masked());
  // Qujing's front-end finds nothing (as if there were no such ticket); reporting may not read.
  CHECK(GetCode(f, adult.ticket_number(), f.frontend_qujing) == grpc::StatusCode::NOT_FOUND);
  CHECK(GetCode(f, adult.ticket_number(), f.reporting) == grpc::StatusCode::PERMISSION_DENIED);
  CHECK(GetCode(f, "53-20000101-000001", f.supervisor) == grpc::StatusCode::NOT_FOUND);

  // Unmasked: the front-end's read of the adult ticket and the supervisor's of the minor's.
  CHECK(f.Count("SELECT count(*) FROM intake_audit_reads") == 2);
  CHECK(f.Count("SELECT count(*) FROM intake_audit_reads WHERE role = 3") == 1);

  // The timeline says who did what, and when.
  REQUIRE(full.timeline_size() >= 2);
  CHECK(full.timeline(0).type() == "ticket.created");
  CHECK(full.timeline(0).state_after() == common::TICKET_STATE_RECEIVED);
  CHECK(full.timeline(1).state_after() == common::TICKET_STATE_PENDING_DISPATCH);
}

TEST_CASE("callers add information to open tickets and may withdraw them", "[intake]") {
  IntakeFixture f;
  v1::SubmitTicketResponse submitted;
  REQUIRE(f.Submit(f.ValidRequest(UniqueName("k")), &submitted).ok());

  v1::AddSupplementRequest supplement;
  supplement.set_ticket_number(submitted.ticket_number());
  supplement.set_content("补充：隔壁两栋楼也停水了。");
  supplement.add_attachments()->set_uri("https://files.example/photo-1.jpg");
  v1::AddSupplementResponse added;
  REQUIRE(f.stub().AddSupplement(f.As(f.frontend_kunming).get(), supplement, &added).ok());
  auto view = f.Get(submitted.ticket_number(), f.supervisor);
  REQUIRE(view.supplements_size() == 1);
  CHECK(view.supplements(0).content() == "补充：隔壁两栋楼也停水了。");
  CHECK(view.supplements(0).attachments_size() == 1);

  supplement.set_expected_version(1);  // stale
  CHECK(f.stub().AddSupplement(f.As(f.frontend_kunming).get(), supplement, &added).error_code() ==
        grpc::StatusCode::ABORTED);

  v1::WithdrawTicketRequest withdraw;
  withdraw.set_ticket_number(submitted.ticket_number());
  v1::WithdrawTicketResponse withdrawn;
  CHECK(
      f.stub().WithdrawTicket(f.As(f.frontend_kunming).get(), withdraw, &withdrawn).error_code() ==
      grpc::StatusCode::INVALID_ARGUMENT);  // a reason is required
  withdraw.set_reason("问题已自行解决");
  REQUIRE(f.stub().WithdrawTicket(f.As(f.frontend_kunming).get(), withdraw, &withdrawn).ok());
  CHECK(withdrawn.state() == common::TICKET_STATE_WITHDRAWN);
  CHECK(
      f.stub().WithdrawTicket(f.As(f.frontend_kunming).get(), withdraw, &withdrawn).error_code() ==
      grpc::StatusCode::FAILED_PRECONDITION);
  supplement.set_expected_version(0);
  CHECK(f.stub().AddSupplement(f.As(f.frontend_kunming).get(), supplement, &added).error_code() ==
        grpc::StatusCode::FAILED_PRECONDITION);
}

}  // namespace
}  // namespace hotline::intake::testing
