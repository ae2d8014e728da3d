// The provincial minors' report as the civil affairs department receives it: CSV with a header,
// each prefecture's figures with revision and received time, the total, who has not reported.
#include <catch2/catch.hpp>

#include "absl/strings/str_split.h"
#include "services/provincial-transfer/api/minor_report_proto.h"

namespace hotline::transfer {
namespace {

namespace rpb = reporting::v1;

TEST_CASE("The provincial minors' CSV has a header, a line per figure, withheld ones empty",
          "[minor_csv]") {
  ProvincialMinorReport report;
  report.month = "2026-11";
  PrefectureMinorMonth kunming;
  kunming.revision = 2;
  kunming.received_at =
      absl::FromCivil(absl::CivilSecond(2026, 12, 3, 9, 0, 5), absl::FixedTimeZone(8 * 3600));
  kunming.figures.set_prefecture_code("5301");
  rpb::IndicatorRow* row = kunming.figures.add_rows();
  row->add_key("total");
  row->add_key("");
  rpb::IndicatorValue* received = row->add_values();
  received->set_code("received");
  received->set_kind(rpb::INDICATOR_KIND_COUNT);
  received->set_numerator(41);
  received->set_value(41);
  received->set_defined(true);
  rpb::IndicatorValue* withheld = row->add_values();
  withheld->set_code("emergency_referrals");
  withheld->set_kind(rpb::INDICATOR_KIND_COUNT);
  withheld->set_suppressed(true);
  rpb::IndicatorRow* category = kunming.figures.add_rows();
  category->add_key("category");
  category->add_key("minor-protection/a,b");
  *category->add_values() = *received;
  report.prefectures.push_back(kunming);
  report.province_total.push_back(*row);
  report.not_reported = {"5303"};

  const std::string csv = MinorReportCsv(MinorReportToProto(report));
  const std::vector<std::string> lines = absl::StrSplit(csv, '\n', absl::SkipEmpty());
  REQUIRE(lines.size() == 7);
  CHECK(lines[0] ==
        "prefecture,revision,received_at,section,key,indicator,kind,numerator,denominator,value,"
        "defined,suppressed");
  CHECK(lines[1] == "5301,2,2026-12-03T09:00:05+08:00,total,,received,count,41,0,41,true,false");
  CHECK(lines[2] ==
        "5301,2,2026-12-03T09:00:05+08:00,total,,emergency_referrals,count,,,,false,true");
  CHECK(lines[3] ==
        "5301,2,2026-12-03T09:00:05+08:00,category,\"minor-protection/a,b\","
        "received,count,41,0,41,true,false");
  CHECK(lines[4] == "total,,,total,,received,count,41,0,41,true,false");
  CHECK(lines[6] == "5303,,,not_reported,,,,,,,,");
}

}  // namespace
}  // namespace hotline::transfer
