// No personal data in logs, metrics or reports: tickets with known callers, phones, addresses,
// content, supplements, notes, reasons and replies go through every outcome of the reporting
// script and a child-protection ticket of their own; then every log line of every process,
// every /metrics page and every report and export (CSV included) is scanned for them: zero hits.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "hotline/intake/v1/intake.grpc.pb.h"
#include "tests/e2e/reporting/reporting_fixture.h"
#include "tests/support/http_get.h"
#include "tests/support/test_env.h"

namespace hotline::reporting::testing {

void Drive(ReportingFixture& f);  // the scripted tickets of indicators_test.cc

namespace {

namespace common = hotline::common::v1;
namespace in = hotline::intake::v1;
namespace v1 = hotline::reporting::v1;
namespace sv = hotline::supervision::v1;
using ::hotline::testing::HttpGet;
using ::hotline::testing::ServiceProcess;
using ::hotline::testing::UniqueName;

// What the fixtures' submissions carry, and what this test adds.
const std::vector<std::string> kPersonal = {"李明",
                                            "13812345678",
                                            "五华区青年路100号",
                                            "王芳",
                                            "13987654321",
                                            "孩子明年读一年级",
                                            "张晓梅",
                                            "13700112233",
                                            "盘龙区北京路88号3栋",
                                            "小刚经常被打",
                                            "补充：邻居赵强也看到",
                                            "请尽快核实孩子安全",
                                            "已按职责处理并答复来电人",
                                            "等待赵强提供材料",
                                            "已自行解决不再需要"};

// A text as found raw, or as a protobuf debug string or C escaping writes it (octal bytes).
std::vector<std::string> Forms(const std::string& text) {
  std::vector<std::string> forms = {text};
  if (absl::CEscape(text) != text) forms.push_back(absl::CEscape(text));
  return forms;
}

struct Source {
  std::string name;  // where the text came from, for the failure message
  std::string text;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

// A child-protection ticket with personal data in every free-text field the workflow has.
std::string SubmitChildTicket(ReportingFixture& f) {
  in::SubmitTicketRequest r;
  r.set_idempotency_key(UniqueName("scan"));
  r.set_channel(common::CHANNEL_PHONE);
  r.set_source_line(common::SOURCE_LINE_12349);
  r.set_kind(common::TICKET_KIND_COMPLAINT);
  r.set_urgency(common::URGENCY_NORMAL);
  r.set_category("education/fees");
  r.set_region_code("530103");
  r.set_address("盘龙区北京路88号3栋");
  r.mutable_caller()->set_name("张晓梅");
  r.mutable_caller()->set_phone("13700112233");
  r.set_content("邻居家的孩子小刚经常被打，学校也收费不合理");
  r.set_involves_minor(true);
  in::SubmitTicketResponse response;
  auto& desk = f.desk().desk();
  const grpc::Status s = desk.intake().SubmitTicket(desk.As(desk.frontend).get(), r, &response);
  INFO(s.error_message());
  REQUIRE(s.ok());
  return response.ticket_number();
}

void AddSupplement(ReportingFixture& f, const std::string& number) {
  in::AddSupplementRequest r;
  r.set_ticket_number(number);
  r.set_content("补充：邻居赵强也看到");
  in::AddSupplementResponse response;
  auto& desk = f.desk().desk();
  const grpc::Status s = desk.intake().AddSupplement(desk.As(desk.frontend).get(), r, &response);
  INFO(s.error_message());
  REQUIRE(s.ok());
}

void UrgeAndSuspend(ReportingFixture& f, const std::string& number) {
  auto& desk = f.desk();
  sv::UrgeRequest urge;
  urge.set_ticket_number(number);
  urge.set_note("请尽快核实孩子安全");
  sv::UrgeResponse urged;
  REQUIRE(desk.supervision().Urge(desk.As(desk.desk().supervisor).get(), urge, &urged).ok());
  sv::SuspendRequest suspend;
  suspend.set_ticket_number(number);
  suspend.set_reason("等待赵强提供材料");
  sv::SuspendResponse suspended;
  REQUIRE(
      desk.supervision().Suspend(desk.As(desk.desk().supervisor).get(), suspend, &suspended).ok());
  sv::ResumeRequest resume;
  resume.set_ticket_number(number);
  sv::ResumeResponse resumed;
  REQUIRE(desk.supervision().Resume(desk.As(desk.desk().supervisor).get(), resume, &resumed).ok());
}

// An unmasked read by the office, which sees a minor's ticket whole.
std::string ReadBack(ReportingFixture& f, const std::string& number) {
  auto& desk = f.desk().desk();
  in::GetTicketRequest r;
  r.set_ticket_number(number);
  in::GetTicketResponse response;
  const grpc::Status s = desk.intake().GetTicket(desk.As(desk.supervisor).get(), r, &response);
  INFO(s.error_message());
  REQUIRE(s.ok());
  return response.Utf8DebugString();
}

void Withdraw(ReportingFixture& f, const std::string& number) {
  in::WithdrawTicketRequest r;
  r.set_ticket_number(number);
  r.set_reason("已自行解决不再需要");
  in::WithdrawTicketResponse response;
  auto& desk = f.desk().desk();
  const grpc::Status s = desk.intake().WithdrawTicket(desk.As(desk.frontend).get(), r, &response);
  INFO(s.error_message());
  REQUIRE(s.ok());
}

v1::Period Around(absl::Time now) {
  absl::TimeZone shanghai;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &shanghai));
  const absl::CivilDay today = absl::ToCivilDay(now, shanghai);
  v1::Period p;
  p.set_from_date(absl::FormatCivilTime(today - 1));
  p.set_to_date(absl::FormatCivilTime(today + 1));
  return p;
}

std::string MonthOf(absl::Time now) {
  absl::TimeZone shanghai;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &shanghai));
  return absl::FormatTime("%Y-%m", now, shanghai);
}

// Every report reporting offers, as the province's reporting role reads it.
std::vector<Source> Reports(ReportingFixture& f) {
  std::vector<Source> out;
  const std::string& token = f.reporting_53;
  const v1::Period period = Around(absl::Now());
  v1::GetIndicatorsRequest indicators;
  *indicators.mutable_period() = period;
  for (v1::Dimension d :
       {v1::DIMENSION_VILLAGE, v1::DIMENSION_UNIT, v1::DIMENSION_CATEGORY, v1::DIMENSION_KIND,
        v1::DIMENSION_CHANNEL, v1::DIMENSION_LINE, v1::DIMENSION_MINOR}) {
    indicators.add_group_by(d);
  }
  indicators.set_compare_previous(true);
  v1::GetIndicatorsResponse figures;
  REQUIRE(f.reporting().GetIndicators(f.desk().As(token).get(), indicators, &figures).ok());
  REQUIRE(figures.rows_size() > 0);
  out.push_back({"GetIndicators", figures.Utf8DebugString()});

  v1::GetRankingRequest ranking;
  *ranking.mutable_period() = period;
  ranking.set_tier(common::TIER_COUNTY);
  v1::GetRankingResponse ranked;
  REQUIRE(f.reporting().GetRanking(f.desk().As(token).get(), ranking, &ranked).ok());
  out.push_back({"GetRanking", ranked.Utf8DebugString()});

  v1::HotTopicsRequest topics;
  *topics.mutable_period() = period;
  v1::HotTopicsResponse hot;
  REQUIRE(f.reporting().HotTopics(f.desk().As(token).get(), topics, &hot).ok());
  out.push_back({"HotTopics", hot.Utf8DebugString()});

  v1::MonthlyMinorProtectionReportRequest minors;
  minors.set_month(MonthOf(absl::Now()));
  v1::MonthlyMinorProtectionReportResponse month;
  REQUIRE(
      f.reporting().MonthlyMinorProtectionReport(f.desk().As(token).get(), minors, &month).ok());
  REQUIRE(month.rows_size() > 0);
  out.push_back({"MonthlyMinorProtectionReport", month.Utf8DebugString()});

  std::vector<v1::ExportReportRequest> exports(4);
  *exports[0].mutable_indicators() = indicators;
  *exports[1].mutable_ranking() = ranking;
  *exports[2].mutable_hot_topics() = topics;
  *exports[3].mutable_minors() = minors;
  for (const v1::ExportReportRequest& request : exports) {
    auto context = f.desk().As(token);
    auto reader = f.reporting().ExportReport(context.get(), request);
    std::string csv;
    v1::ExportReportChunk chunk;
    while (reader->Read(&chunk)) csv += chunk.csv();
    const grpc::Status s = reader->Finish();
    INFO(s.error_message());
    REQUIRE(s.ok());
    REQUIRE(absl::StrContains(csv, "\n"));  // a header line at least
    out.push_back({"ExportReport " + std::to_string(request.report_case()), csv});
  }

  v1::GetRollupStatusResponse status;
  REQUIRE(f.reporting()
              .GetRollupStatus(f.desk().As(token).get(), v1::GetRollupStatusRequest(), &status)
              .ok());
  out.push_back({"GetRollupStatus", status.Utf8DebugString()});
  return out;
}

TEST_CASE("No personal data in any log line, any /metrics page or any report", "[privacy]") {
  ReportingFixture f;
  Drive(f);  // every outcome: refused, answered, closed, reopened, returned, followed up…

  const std::string child = SubmitChildTicket(f);
  f.desk().WaitForClocks(child, 4);
  AddSupplement(f, child);
  UrgeAndSuspend(f, child);
  f.HandleToClosing(child, "530103");
  REQUIRE(f.FollowUp(child, sv::SATISFACTION_SATISFIED, true).ok());
  const std::string withdrawn = SubmitChildTicket(f);
  f.desk().WaitForClocks(withdrawn, 4);
  Withdraw(f, withdrawn);
  // The data went in and is served to those who may see it: the scan below can tell.
  const std::string read_back = ReadBack(f, child);
  REQUIRE(absl::StrContains(read_back, "张晓梅"));
  REQUIRE(absl::StrContains(read_back, "13700112233"));
  f.WaitForRollups();

  std::vector<Source> sources = Reports(f);
  std::vector<ServiceProcess*> processes = {&f.desk().desk().intake_process(),
                                            &f.desk().desk().routing_process(), &f.desk().process(),
                                            &f.process()};
  for (ServiceProcess* p : processes) {
    const std::string metrics = HttpGet(p->metrics_port(), "/metrics");
    REQUIRE(absl::StrContains(metrics, "hotline_rpc_duration_seconds"));
    sources.push_back({p->log_path() + " /metrics", metrics});
  }
  // Logs last, once everything above was logged.
  for (ServiceProcess* p : processes) {
    const std::string log = ReadFile(p->log_path());
    REQUIRE(std::count(log.begin(), log.end(), '\n') > 3);  // it logs, so a hit would show
    sources.push_back({p->log_path(), log});
  }

  size_t bytes = 0;
  for (const Source& source : sources) {
    bytes += source.text.size();
    for (const std::string& text : kPersonal) {
      for (const std::string& form : Forms(text)) {
        INFO(source.name << " holds " << form);
        CHECK_FALSE(absl::StrContains(source.text, form));
      }
    }
  }
  INFO("bytes scanned: " << bytes);
  CHECK(sources.size() >= 17);
}

}  // namespace
}  // namespace hotline::reporting::testing
