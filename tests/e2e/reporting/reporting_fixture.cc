#include "tests/e2e/reporting/reporting_fixture.h"

#include <grpcpp/create_channel.h>
#include <signal.h>

#include <catch2/catch.hpp>

#include "absl/strings/str_join.h"
#include "hotline/intake/v1/intake.grpc.pb.h"
#include "tests/support/test_env.h"

namespace hotline::reporting::testing {

namespace v1 = hotline::reporting::v1;
namespace sv = hotline::supervision::v1;
namespace common = hotline::common::v1;
using ::hotline::testing::BinaryPath;
using ::hotline::testing::PollUntil;
using ::hotline::testing::RunCommand;
using ::hotline::testing::ServiceProcess;
using ::hotline::testing::TestEnv;
using ::hotline::testing::UniqueName;

// The types the reporting group counts; the others are acknowledged without a transaction and
// leave no consumed_events row.
constexpr char kCountedTypes[] =
    "('ticket.created', 'ticket.state_changed', 'intake.emergency_referred', "
    "'routing.dispatched', 'routing.queued_for_manual_dispatch', 'routing.transferred_out', "
    "'routing.assignment_changed', 'routing.replied', 'routing.objection_raised', "
    "'routing.objection_decided', 'routing.unit_designated', 'supervision.clocks_changed', "
    "'supervision.deadline_step', 'supervision.extension_decided', 'supervision.followed_up')";

absl::Time Saturday() { return supervision::testing::Cst(2026, 12, 5, 10); }

ReportingFixture::ReportingFixture() {
  process_ = std::make_unique<ServiceProcess>(
      "hotline-reporting",
      std::vector<std::string>{
          "--pg_url=" + desk_.desk().db_url(), "--redis_url=" + TestEnv::Get().RedisUrl(),
          "--stream_prefix=" + desk_.desk().stream_prefix(), "--instance_id=53",
          "--auth_cache_ttl=1s", "--consumer_name=reporting-0"});
  stub_ = v1::Reporting::NewStub(
      grpc::CreateChannel(process_->address(), grpc::InsecureChannelCredentials()));
  reporting_53 = Token("reporting", "53");
}

ReportingFixture::~ReportingFixture() {
  if (process_) kill(process_->process().pid(), SIGTERM);
}

std::string ReportingFixture::Token(const std::string& role, const std::string& jurisdiction) {
  return RunCommand(BinaryPath("hotline-admin") + " token create --pg_url='" +
                    desk_.desk().db_url() + "' --role=" + role + " --jurisdiction=" + jurisdiction +
                    " --name=" + UniqueName(role));
}

std::string ReportingFixture::SubmitAnswered(const std::string& region) {
  hotline::intake::v1::UpsertKnowledgeArticleRequest upsert;
  auto* a = upsert.mutable_article();
  a->set_key("qa/migrant-children-enrolment");
  a->set_kind(hotline::intake::v1::ARTICLE_KIND_QA);
  a->set_title("随迁子女在昆明上小学需要哪些材料");
  a->set_question("外地户口的孩子在昆明读小学要准备什么材料，怎么报名？");
  a->set_body("随迁子女申请在昆明就读义务教育阶段学校，需提供居住证、户口簿和预防接种证明。");
  a->set_region_prefix("5301");
  hotline::intake::v1::UpsertKnowledgeArticleResponse stored;
  grpc::Status status = desk_.desk().intake().UpsertKnowledgeArticle(
      desk_.As(desk_.supervisor).get(), upsert, &stored);
  INFO(status.error_message());
  REQUIRE(status.ok());

  hotline::intake::v1::SubmitTicketRequest r;
  r.set_idempotency_key(UniqueName("answered"));
  r.set_channel(common::CHANNEL_PHONE);
  r.set_source_line(common::SOURCE_LINE_12345);
  r.set_kind(common::TICKET_KIND_CONSULTATION);
  r.set_urgency(common::URGENCY_NORMAL);
  r.set_category("education/enrolment");
  r.set_region_code(region);
  r.mutable_caller()->set_name("王芳");
  r.mutable_caller()->set_phone("13987654321");
  r.set_content("孩子明年读一年级，外地户口要准备什么材料？");
  r.set_answered_with_article("qa/migrant-children-enrolment");
  hotline::intake::v1::SubmitTicketResponse response;
  status = desk_.desk().intake().SubmitTicket(desk_.As(desk_.frontend).get(), r, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  REQUIRE(response.state() == common::TICKET_STATE_ANSWERED);
  return response.ticket_number();
}

void ReportingFixture::HandleToClosing(const std::string& number, const std::string& county) {
  const std::string lead = county + "-education", co = county + "-civil-affairs";
  desk_.WaitForClocks(number, 4);
  REQUIRE(desk_.Sign(number, lead).ok());
  REQUIRE(desk_.Sign(number, co).ok());
  REQUIRE(desk_.Reply(number, co).ok());
  ReplyAndApprove(number, lead);
}

void ReportingFixture::ReplyAndApprove(const std::string& number, const std::string& lead) {
  grpc::Status replied = desk_.Reply(number, lead);
  INFO(replied.error_message());
  REQUIRE(replied.ok());
  desk_.WaitForState(number, "REPLIED");
  sv::ReviewRequest review;
  review.set_ticket_number(number);
  review.set_approve(true);
  sv::ReviewResponse reviewed;
  grpc::Status status =
      desk_.supervision().Review(desk_.As(desk_.supervisor).get(), review, &reviewed);
  INFO(status.error_message());
  REQUIRE(status.ok());
  REQUIRE(reviewed.ticket_state() == common::TICKET_STATE_CLOSED);
}

void ReportingFixture::ReturnLead(const std::string& number, const std::string& unit) {
  desk_.WaitForClocks(number, 4);
  hotline::routing::v1::ReturnAssignmentRequest r;
  r.set_assignment_id(desk_.AssignmentId(number, unit));
  r.set_reason("不属于本单位职责");
  hotline::routing::v1::ReturnAssignmentResponse response;
  grpc::Status status =
      desk_.desk().routing().ReturnAssignment(desk_.As(desk_.UnitToken(unit)).get(), r, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  // The return is an objection until the office upholds it (派单异议审核).
  hotline::routing::v1::DecideObjectionRequest decide;
  decide.set_objection_id(response.objection().id());
  decide.set_decision(hotline::routing::v1::OBJECTION_DECISION_UPHOLD);
  decide.set_reason("核实属实");
  hotline::routing::v1::DecideObjectionResponse decided;
  status =
      desk_.desk().routing().DecideObjection(desk_.As(desk_.supervisor).get(), decide, &decided);
  INFO(status.error_message());
  REQUIRE(status.ok());
}

grpc::Status ReportingFixture::FollowUp(const std::string& number, sv::Satisfaction level,
                                        bool resolved) {
  sv::RecordFollowUpRequest r;
  r.set_ticket_number(number);
  r.set_contact(sv::CONTACT_RESULT_REACHED);
  r.set_satisfaction(level);
  r.set_resolved(resolved);
  sv::RecordFollowUpResponse response;
  return desk_.supervision().RecordFollowUp(desk_.As(desk_.supervisor).get(), r, &response);
}

void ReportingFixture::WaitForRollups() {
  int64_t events = 0, consumed = 0;
  const bool caught_up = PollUntil(
      absl::Seconds(30),
      [&] {
        events = desk_.Count(std::string("SELECT count(*) FROM ticket_events WHERE type IN ") +
                             kCountedTypes);
        consumed =
            desk_.Count("SELECT count(*) FROM consumed_events WHERE consumer_group = 'reporting'");
        return consumed == events;
      },
      absl::Milliseconds(50));
  INFO("reporting consumed " << consumed << " of " << events << " events");
  REQUIRE(caught_up);
}

grpc::Status ReportingFixture::Indicators(const std::string& token,
                                          const std::vector<v1::Dimension>& group_by,
                                          const std::string& region_prefix,
                                          v1::GetIndicatorsResponse* out) {
  // Events carry the services' system time, whatever supervision's clock says.
  absl::TimeZone shanghai;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &shanghai));
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), shanghai);
  v1::GetIndicatorsRequest r;
  r.mutable_period()->set_from_date(absl::FormatCivilTime(today - 1));
  r.mutable_period()->set_to_date(absl::FormatCivilTime(today + 1));
  r.mutable_filters()->set_region_prefix(region_prefix);
  for (v1::Dimension d : group_by) r.add_group_by(d);
  return stub_->GetIndicators(desk_.As(token).get(), r, out);
}

std::map<std::string, v1::IndicatorValue> ReportingFixture::Row(
    const v1::GetIndicatorsResponse& response, const std::vector<std::string>& key) {
  for (const v1::IndicatorRow& row : response.rows()) {
    if (std::vector<std::string>(row.key().begin(), row.key().end()) != key) continue;
    std::map<std::string, v1::IndicatorValue> values;
    for (const v1::IndicatorValue& v : row.values()) values[v.code()] = v;
    return values;
  }
  FAIL("no row " << absl::StrJoin(key, ","));
  return {};
}

}  // namespace hotline::reporting::testing
