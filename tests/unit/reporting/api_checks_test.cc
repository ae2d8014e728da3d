// The adapter's checks: who may call what, the caller's scope, and the request's fields.
#include <catch2/catch.hpp>

#include "libs/common/field_violations.h"
#include "services/reporting/api/access.h"
#include "services/reporting/api/report_csv.h"
#include "services/reporting/api/request_checks.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::reporting::v1;

service::Principal Caller(common::Role role, std::string jurisdiction, std::string name = "c") {
  service::Principal p;
  p.role = role;
  p.jurisdiction = std::move(jurisdiction);
  p.name = std::move(name);
  return p;
}

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

v1::GetIndicatorsRequest Valid() {
  v1::GetIndicatorsRequest r;
  r.mutable_period()->set_from_date("2026-12-01");
  r.mutable_period()->set_to_date("2026-12-31");
  return r;
}

absl::Status Admit(const char* method, const service::Principal& caller) {
  return ReportingAccess().Admit(caller, std::string("/hotline.reporting.v1.Reporting/") + method,
                                 "53");
}

TEST_CASE("The reporting role reads figures and nothing else") {
  const auto reporting = Caller(common::ROLE_REPORTING, "53");
  CHECK(Admit("GetIndicators", reporting).ok());
  CHECK(Admit("MonthlyMinorProtectionReport", reporting).ok());
  CHECK(Admit("RebuildRollups", reporting).code() == absl::StatusCode::kPermissionDenied);
  CHECK(Admit("RebuildRollups", Caller(common::ROLE_ADMIN, "")).ok());
  CHECK(Admit("GetIndicators", Caller(common::ROLE_FRONTEND, "53")).code() ==
        absl::StatusCode::kPermissionDenied);
  CHECK(Admit("GetRanking", Caller(common::ROLE_UNIT, "530102")).code() ==
        absl::StatusCode::kPermissionDenied);
  CHECK(Admit("NoSuchRpc", Caller(common::ROLE_ADMIN, "")).code() ==
        absl::StatusCode::kPermissionDenied);
}

TEST_CASE("A caller sees only its jurisdiction, in canonical form") {
  CellFilter none;
  REQUIRE(ScopeFilter(Caller(common::ROLE_REPORTING, "530100"), none).ok());
  CHECK(none.region_prefix == "5301");
  CellFilter inside{.region_prefix = "530102"};
  CHECK(ScopeFilter(Caller(common::ROLE_SUPERVISOR, "5301"), inside).ok());
  CellFilter outside{.region_prefix = "5303"};
  CHECK(ScopeFilter(Caller(common::ROLE_SUPERVISOR, "5301"), outside).code() ==
        absl::StatusCode::kPermissionDenied);
  CellFilter province{.region_prefix = "53"};
  CHECK(ScopeFilter(Caller(common::ROLE_REPORTING, "5301"), province).code() ==
        absl::StatusCode::kPermissionDenied);
  CellFilter country;
  REQUIRE(ScopeFilter(Caller(common::ROLE_ADMIN, ""), country).ok());
  CHECK(country.region_prefix.empty());
}

TEST_CASE("A unit sees only its own figures") {
  CellFilter own;
  REQUIRE(ScopeFilter(Caller(common::ROLE_UNIT, "530102", "unit-a"), own).ok());
  CHECK(own.unit_id == "unit-a");
  CellFilter other{.unit_id = "unit-b"};
  CHECK(ScopeFilter(Caller(common::ROLE_UNIT, "530102", "unit-a"), other).code() ==
        absl::StatusCode::kPermissionDenied);
}

TEST_CASE("A valid request becomes the query") {
  v1::GetIndicatorsRequest r = Valid();
  r.mutable_filters()->set_region_prefix("530100000000");
  r.mutable_filters()->set_kind(common::TICKET_KIND_COMPLAINT);
  r.mutable_filters()->set_minors_only(true);
  r.add_group_by(v1::DIMENSION_COUNTY);
  r.add_group_by(v1::DIMENSION_UNIT);
  r.add_indicators("satisfaction_rate");
  r.set_compare_previous(true);
  auto q = ToIndicatorQuery(r);
  REQUIRE(q.ok());
  CHECK(q->from == absl::CivilDay(2026, 12, 1));
  CHECK(q->to == absl::CivilDay(2026, 12, 31));
  CHECK(q->filter.region_prefix == "5301");
  CHECK(q->filter.kind == common::TICKET_KIND_COMPLAINT);
  CHECK(q->filter.minors_only);
  CHECK(q->group_by == std::vector<GroupBy>{GroupBy::kCounty, GroupBy::kUnit});
  CHECK(q->indicators == std::vector<std::string>{"satisfaction_rate"});
  CHECK(q->compare_previous);
}

TEST_CASE("Bad fields are INVALID_ARGUMENT, each named") {
  v1::GetIndicatorsRequest none;
  CHECK(Fields(ToIndicatorQuery(none).status()) == std::vector<std::string>{"period"});

  v1::GetIndicatorsRequest r = Valid();
  r.mutable_period()->set_from_date("2026-13-01");
  r.mutable_period()->set_to_date("");
  CHECK(Fields(ToIndicatorQuery(r).status()) ==
        std::vector<std::string>{"period.from_date", "period.to_date"});

  r = Valid();
  r.mutable_period()->set_to_date("2026-11-30");
  CHECK(Fields(ToIndicatorQuery(r).status()) == std::vector<std::string>{"period.to_date"});
  r.mutable_period()->set_from_date("2020-01-01");
  r.mutable_period()->set_to_date("2026-01-01");
  CHECK(Fields(ToIndicatorQuery(r).status()) == std::vector<std::string>{"period"});

  r = Valid();
  r.mutable_filters()->set_region_prefix("530001");
  r.mutable_filters()->set_channel(static_cast<common::Channel>(42));
  r.add_group_by(v1::DIMENSION_PREFECTURE);
  r.add_group_by(v1::DIMENSION_COUNTY);
  r.add_group_by(v1::DIMENSION_UNIT);
  r.add_group_by(v1::DIMENSION_UNIT);
  r.add_group_by(v1::DIMENSION_UNSPECIFIED);
  r.add_indicators("");
  const absl::Status s = ToIndicatorQuery(r).status();
  CHECK(s.code() == absl::StatusCode::kInvalidArgument);
  CHECK(Fields(s) == std::vector<std::string>{"filters.region_prefix", "filters.channel",
                                              "group_by", "group_by", "group_by", "indicators"});
}

TEST_CASE("The minors' report names a month and a region") {
  v1::MonthlyMinorProtectionReportRequest r;
  r.set_month("2026-12");
  r.set_region_prefix("530100");
  auto q = ToMinorReportQuery(r);
  REQUIRE(q.ok());
  CHECK(q->month_start == absl::CivilDay(2026, 12, 1));
  CHECK(q->region_prefix == "5301");
  r.set_month("2026-13");
  r.set_region_prefix("5");
  CHECK(Fields(ToMinorReportQuery(r).status()) ==
        std::vector<std::string>{"month", "region_prefix"});
  r.clear_month();
  r.clear_region_prefix();
  CHECK(Fields(ToMinorReportQuery(r).status()) == std::vector<std::string>{"month"});
  CHECK(Admit("MonthlyMinorProtectionReport", Caller(common::ROLE_UNIT, "5301")).code() ==
        absl::StatusCode::kPermissionDenied);
}

TEST_CASE("GetIndicators as CSV: the grouped dimensions, then each indicator's figures") {
  IndicatorReport report;
  IndicatorDef received, rate;
  received.code = "received";
  rate.code = "satisfaction_rate";
  report.definitions = {received, rate};
  ReportRow row;
  row.key = {"530102", "a,b"};
  row.cells = {{{12, 0, 12.0, {}}, Figure{10, 0, 10.0, {}}},
               {{3, 4, 0.75, {}}, Figure{0, 0, std::nullopt, {}}}};
  report.rows = {row};
  report.previous_from = absl::CivilDay(2026, 11, 1);
  report.previous_to = absl::CivilDay(2026, 11, 30);
  CHECK(IndicatorsCsv(report, {GroupBy::kCounty, GroupBy::kUnit}) ==
        "county,unit,indicator,numerator,denominator,value,previous_numerator,"
        "previous_denominator,previous_value\n"
        "530102,\"a,b\",received,12,0,12,10,0,10\n"
        "530102,\"a,b\",satisfaction_rate,3,4,0.75,0,0,\n");
  report.previous_from.reset();
  for (ReportRow& r : report.rows) {
    r.key.clear();
    for (IndicatorCell& c : r.cells) c.previous.reset();
  }
  CHECK(IndicatorsCsv(report, {}) ==
        "indicator,numerator,denominator,value\n"
        "received,12,0,12\n"
        "satisfaction_rate,3,4,0.75\n");
}

}  // namespace
}  // namespace hotline::reporting
