// Real tickets through the real services — not accepted, answered, dispatched, returned, replied,
// closed, followed up at several levels, reopened, transferred out — and every indicator of them
// exact at the province, prefecture and county tiers, within the caller's jurisdiction.
#include <catch2/catch.hpp>

#include "absl/strings/str_split.h"
#include "libs/service/token_auth.h"
#include "tests/e2e/reporting/reporting_fixture.h"

namespace hotline::reporting::testing {
namespace {

namespace v1 = hotline::reporting::v1;
namespace sv = hotline::supervision::v1;

// ExportReport's chunks, joined.
std::string Export(ReportingFixture& f, const std::string& token,
                   const v1::ExportReportRequest& request) {
  auto context = f.desk().As(token);
  auto reader = f.reporting().ExportReport(context.get(), request);
  std::string csv;
  v1::ExportReportChunk chunk;
  while (reader->Read(&chunk)) csv += chunk.csv();
  const grpc::Status status = reader->Finish();
  INFO(status.error_message());
  REQUIRE(status.ok());
  return csv;
}

double Value(const v1::IndicatorValue& v) {
  INFO(v.code() << " is undefined");
  REQUIRE(v.defined());
  return v.value();
}

}  // namespace

// Seven tickets of Kunming's Wuhua (530102) and Panlong (530103), one of Baotou (150202).
void Drive(ReportingFixture& f) {
  f.Submit("out-of-scope/litigation", "530102");  // refused
  f.SubmitAnswered("530103");                     // answered on the call
  const std::string closed_satisfied = f.Submit("education/fees", "530102");
  const std::string reopened = f.Submit("education/fees", "530103");
  const std::string returned = f.Submit("education/fees", "530102");
  const std::string closed_basic = f.Submit("education/fees", "530103");
  const std::string closed_content = f.Submit("education/fees", "530102");
  const std::string baotou = f.Submit("education/enrolment", "150202");

  f.HandleToClosing(closed_satisfied, "530102");
  REQUIRE(f.FollowUp(closed_satisfied, sv::SATISFACTION_VERY_SATISFIED, true).ok());
  f.HandleToClosing(reopened, "530103");
  REQUIRE(f.FollowUp(reopened, sv::SATISFACTION_DISSATISFIED, false).ok());
  f.HandleToClosing(closed_basic, "530103");
  REQUIRE(f.FollowUp(closed_basic, sv::SATISFACTION_NEUTRAL, true).ok());
  f.HandleToClosing(closed_content, "530102");
  REQUIRE(f.FollowUp(closed_content, sv::SATISFACTION_SATISFIED, true).ok());
  f.ReturnLead(returned, "530102-education");
  f.desk().WaitForState(returned, "PENDING_DISPATCH");
  f.desk().WaitForState(baotou, "TRANSFERRED_OUT");
  // The dissatisfied caller's ticket goes back to its lead.
  f.desk().WaitForState(reopened, "DISPATCHED");
  f.WaitForRollups();
}

namespace {

TEST_CASE("Indicators of real tickets at the province, prefecture and county tiers",
          "[reporting]") {
  ReportingFixture f;
  Drive(f);

  v1::GetIndicatorsResponse province;
  grpc::Status status = f.Indicators(f.reporting_53, {}, "", &province);
  INFO(status.error_message());
  REQUIRE(status.ok());
  CHECK(province.catalogue_version() == 1);
  REQUIRE(province.rows_size() == 1);
  auto p = ReportingFixture::Row(province, {});
  CHECK(Value(p["received"]) == 7);
  CHECK(Value(p["accepted"]) == 6);
  CHECK(Value(p["not_accepted"]) == 1);
  REQUIRE(p["not_accepted"].details_size() == 1);
  CHECK(p["not_accepted"].details(0).detail() == "scope.not_accepted.litigation");
  CHECK(Value(p["answered_directly"]) == 1);
  CHECK(Value(p["dispatched"]) == 5);
  CHECK(p["signed_on_time_rate"].numerator() == 4);
  CHECK(p["signed_on_time_rate"].denominator() == 4);
  CHECK(Value(p["replied"]) == 4);
  CHECK(Value(p["closed"]) == 4);
  CHECK(Value(p["completed_on_time_rate"]) == 1.0);
  CHECK(Value(p["overdue"]) == 0);
  CHECK(Value(p["returned"]) == 1);
  CHECK(Value(p["reopened"]) == 1);
  CHECK(Value(p["reopen_rate"]) == 0.25);
  CHECK(Value(p["follow_up_rate"]) == 0.8);  // 4 reached ÷ (4 closed + 1 answered)
  CHECK(Value(p["satisfaction_rate"]) == 0.75);
  CHECK(Value(p["very_satisfied"]) == 1);
  CHECK(Value(p["satisfied"]) == 1);
  CHECK(Value(p["basically_satisfied"]) == 1);
  CHECK(Value(p["dissatisfied"]) == 1);
  CHECK(Value(p["very_dissatisfied"]) == 0);
  CHECK(Value(p["resolved_rate"]) == 0.75);
  CHECK(p["handling_hours_avg"].denominator() == 4);
  CHECK(Value(p["open_at_end"]) == 2);      // the reopened one and the returned one
  CHECK(Value(p["transferred_out"]) == 0);  // Baotou's ticket is not Yunnan's

  v1::GetIndicatorsResponse prefectures;
  REQUIRE(f.Indicators(f.reporting_53, {v1::DIMENSION_PREFECTURE}, "", &prefectures).ok());
  REQUIRE(prefectures.rows_size() == 1);
  CHECK(Value(ReportingFixture::Row(prefectures, {"5301"})["received"]) == 7);

  v1::GetIndicatorsResponse counties;
  REQUIRE(f.Indicators(f.reporting_53, {v1::DIMENSION_COUNTY}, "5301", &counties).ok());
  REQUIRE(counties.rows_size() == 2);
  auto wuhua = ReportingFixture::Row(counties, {"530102"});
  CHECK(Value(wuhua["received"]) == 4);
  CHECK(Value(wuhua["not_accepted"]) == 1);
  CHECK(Value(wuhua["closed"]) == 2);
  CHECK(Value(wuhua["returned"]) == 1);
  CHECK(Value(wuhua["satisfaction_rate"]) == 1.0);
  CHECK(Value(wuhua["open_at_end"]) == 1);
  auto panlong = ReportingFixture::Row(counties, {"530103"});
  CHECK(Value(panlong["received"]) == 3);
  CHECK(Value(panlong["answered_directly"]) == 1);
  CHECK(Value(panlong["closed"]) == 2);
  CHECK(Value(panlong["reopened"]) == 1);
  CHECK(Value(panlong["satisfaction_rate"]) == 0.5);
  CHECK(Value(panlong["follow_up_rate"]) == Approx(2.0 / 3));
  CHECK(Value(panlong["open_at_end"]) == 1);

  // Nationwide, the transferred ticket is counted where its matter is.
  v1::GetIndicatorsResponse country;
  REQUIRE(f.Indicators(f.Token("reporting", ""), {v1::DIMENSION_PROVINCE}, "", &country).ok());
  CHECK(Value(ReportingFixture::Row(country, {"15"})["transferred_out"]) == 1);
  CHECK(Value(ReportingFixture::Row(country, {"53"})["received"]) == 7);

  // The same figures as CSV.
  v1::ExportReportRequest export_request;
  v1::GetIndicatorsRequest& wanted = *export_request.mutable_indicators();
  wanted.mutable_period()->set_from_date(counties.period().from_date());
  wanted.mutable_period()->set_to_date(counties.period().to_date());
  wanted.mutable_filters()->set_region_prefix("5301");
  wanted.add_group_by(v1::DIMENSION_COUNTY);
  const std::string csv = Export(f, f.reporting_53, export_request);
  const std::vector<std::string> lines = absl::StrSplit(csv, '\n', absl::SkipEmpty());
  REQUIRE(lines.size() == 1 + 2 * static_cast<size_t>(counties.definitions_size()));
  CHECK(lines[0] == "county,indicator,numerator,denominator,value");
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> fields = absl::StrSplit(lines[i], ',');
    REQUIRE(fields.size() == 5);
    const v1::IndicatorValue v = ReportingFixture::Row(counties, {fields[0]})[fields[1]];
    CHECK(fields[2] == std::to_string(v.numerator()));
    CHECK(fields[3] == std::to_string(v.denominator()));
    if (v.defined()) {
      CHECK(std::stod(fields[4]) == Approx(v.value()));
    } else {
      CHECK(fields[4].empty());
    }
  }

  v1::GetRollupStatusResponse rollups;
  REQUIRE(f.reporting().GetRollupStatus(f.desk().As(f.reporting_53).get(), {}, &rollups).ok());
  CHECK(rollups.lag_seconds() == 0);
  CHECK(rollups.has_last_applied_at());

  // Replaying the history gives the same figures, to the last digit.
  v1::RebuildRollupsResponse rebuilt;
  CHECK(
      f.reporting().RebuildRollups(f.desk().As(f.reporting_53).get(), {}, &rebuilt).error_code() ==
      grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status rebuild =
      f.reporting().RebuildRollups(f.desk().As(f.desk().admin).get(), {}, &rebuilt);
  INFO(rebuild.error_message());
  REQUIRE(rebuild.ok());
  CHECK(rebuilt.tickets() == 8);
  v1::GetIndicatorsResponse again;
  REQUIRE(f.Indicators(f.reporting_53, {}, "", &again).ok());
  CHECK(again.SerializeAsString() == province.SerializeAsString());
  REQUIRE(f.Indicators(f.reporting_53, {v1::DIMENSION_COUNTY}, "5301", &again).ok());
  CHECK(again.SerializeAsString() == counties.SerializeAsString());
}

TEST_CASE("A caller sees only its jurisdiction, a unit only its own figures", "[reporting]") {
  ReportingFixture f;
  Drive(f);

  const std::string panlong_reporting = f.Token("reporting", "530103");
  v1::GetIndicatorsResponse r;
  CHECK(f.Indicators(panlong_reporting, {}, "5301", &r).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  REQUIRE(f.Indicators(panlong_reporting, {v1::DIMENSION_COUNTY}, "", &r).ok());
  REQUIRE(r.rows_size() == 1);
  CHECK(r.rows(0).key(0) == "530103");
  CHECK(f.Indicators(f.desk().frontend, {}, "", &r).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);

  v1::GetIndicatorsResponse unit;
  REQUIRE(
      f.Indicators(f.desk().UnitToken("530102-education"), {v1::DIMENSION_UNIT}, "", &unit).ok());
  REQUIRE(unit.rows_size() == 1);
  auto own = ReportingFixture::Row(unit, {"530102-education"});
  CHECK(Value(own["closed"]) == 2);
  CHECK(Value(own["returned"]) == 1);
  CHECK(Value(own["open_at_end"]) == 0);  // the returned ticket waits with the office

  // The minors' report of the running month: live, not frozen, nothing about these adults.
  absl::TimeZone shanghai;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &shanghai));
  v1::MonthlyMinorProtectionReportRequest month;
  month.set_month(absl::FormatCivilTime(absl::CivilMonth(absl::ToCivilDay(absl::Now(), shanghai))));
  v1::MonthlyMinorProtectionReportResponse minors;
  grpc::Status report = f.reporting().MonthlyMinorProtectionReport(
      f.desk().As(panlong_reporting).get(), month, &minors);
  INFO(report.error_message());
  REQUIRE(report.ok());
  CHECK(minors.region_prefix() == "530103");
  CHECK_FALSE(minors.has_frozen_at());
  REQUIRE(minors.rows_size() > 0);
  CHECK(minors.rows(0).key(0) == "total");
  CHECK(minors.rows(0).values(0).code() == "received");
  CHECK(minors.rows(0).values(0).value() == 0);
  // Its CSV is the bytes its digest is computed over.
  v1::ExportReportRequest minors_export;
  *minors_export.mutable_minors() = month;
  const std::string minors_csv = Export(f, panlong_reporting, minors_export);
  CHECK(minors_csv.rfind("section,key,indicator,numerator,denominator,value,suppressed\n", 0) == 0);
  CHECK(service::Sha256Hex(minors_csv) == minors.digest());
  CHECK(f.reporting()
            .MonthlyMinorProtectionReport(f.desk().As(f.desk().UnitToken("530102-education")).get(),
                                          month, &minors)
            .error_code() == grpc::StatusCode::PERMISSION_DENIED);

  v1::GetRankingRequest ranking;
  v1::GetRankingResponse ranked;
  CHECK(
      f.reporting().GetRanking(f.desk().As(f.reporting_53).get(), ranking, &ranked).error_code() ==
      grpc::StatusCode::INVALID_ARGUMENT);  // no period, no tier
  CHECK(f.reporting()
            .GetRanking(f.desk().As(f.desk().frontend).get(), ranking, &ranked)
            .error_code() == grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace hotline::reporting::testing
