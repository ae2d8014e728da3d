// GetRanking's and HotTopics' field checks and their CSV forms.
#include <catch2/catch.hpp>

#include "libs/common/field_violations.h"
#include "services/reporting/api/report_csv.h"
#include "services/reporting/api/request_checks.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::reporting::v1;

std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

TEST_CASE("A ranking request names a period, a tier and sound weights") {
  v1::GetRankingRequest r;
  r.mutable_period()->set_from_date("2026-12-01");
  r.mutable_period()->set_to_date("2026-12-31");
  r.set_tier(common::TIER_COUNTY);
  r.mutable_filters()->set_region_prefix("530100");
  v1::ScoreWeight& w = *r.add_weights();
  w.set_indicator("reopen_rate");
  w.set_weight(-0.5);
  absl::StatusOr<RankingQuery> q = ToRankingQuery(r);
  REQUIRE(q.ok());
  CHECK(q->from == absl::CivilDay(2026, 12, 1));
  CHECK(q->to == absl::CivilDay(2026, 12, 31));
  CHECK(q->tier_digits == 6);
  CHECK(q->filter.region_prefix == "5301");
  REQUIRE(q->weights.size() == 1);
  CHECK(q->weights[0].weight == -0.5);

  r.clear_period();
  r.set_tier(common::TIER_UNSPECIFIED);
  *r.add_weights() = w;
  v1::ScoreWeight& zero = *r.add_weights();
  zero.set_indicator("satisfaction_rate");
  zero.set_weight(0);
  r.add_weights()->set_weight(1);
  const absl::Status bad = ToRankingQuery(r).status();
  CHECK(bad.code() == absl::StatusCode::kInvalidArgument);
  CHECK(FieldsOf(bad) == std::vector<std::string>{"period", "tier", "weights.indicator",
                                                  "weights.weight", "weights.indicator"});
}

TEST_CASE("A hot topics request: a period, and a limit up to 100 (0 = 10)") {
  v1::HotTopicsRequest r;
  r.mutable_period()->set_from_date("2026-12-01");
  r.mutable_period()->set_to_date("2026-12-07");
  absl::StatusOr<HotTopicsQuery> q = ToHotTopicsQuery(r);
  REQUIRE(q.ok());
  CHECK(q->limit == 10);
  CHECK(q->to == absl::CivilDay(2026, 12, 7));
  r.set_limit(101);
  r.mutable_period()->set_to_date("2026-11-01");
  CHECK(FieldsOf(ToHotTopicsQuery(r).status()) ==
        std::vector<std::string>{"period.to_date", "limit"});
  r.set_limit(-1);
  r.mutable_period()->set_to_date("2026-12-07");
  CHECK(FieldsOf(ToHotTopicsQuery(r).status()) == std::vector<std::string>{"limit"});
}

TEST_CASE("The ranking and hot topics as CSV") {
  Ranking ranking;
  ranking.weights = {{"signed_on_time_rate", 1}, {"satisfaction_rate", 0.5}};
  ranking.parts.resize(2);
  ranking.parts[0].code = "signed_on_time_rate";
  ranking.parts[1].code = "satisfaction_rate";
  ranking.entries = {{1, "530103-roads", 100, {Figure{2, 2, 1.0, {}}, Figure{0, 0, {}, {}}}},
                     {2, "530102-roads", 62.5, {Figure{3, 4, 0.75, {}}, Figure{1, 2, 0.5, {}}}}};
  CHECK(RankingCsv(ranking) ==
        "rank,unit,score,indicator,weight,numerator,denominator,value\n"
        "1,530103-roads,100,signed_on_time_rate,1,2,2,1\n"
        "1,530103-roads,100,satisfaction_rate,0.5,0,0,\n"
        "2,530102-roads,62.5,signed_on_time_rate,1,3,4,0.75\n"
        "2,530102-roads,62.5,satisfaction_rate,0.5,1,2,0.5\n");

  HotTopicsReport hot;
  hot.lists = {{GroupBy::kCategory, {{"urban/roads", 3, 1}}},
               {GroupBy::kCounty, {{"530102", 3, 1}, {"530104", 2, 0}}}};
  CHECK(HotTopicsCsv(hot) ==
        "dimension,value,count,previous_count,rise\n"
        "category,urban/roads,3,1,2\n"
        "county,530102,3,1,2\n"
        "county,530104,2,0,2\n");
}

}  // namespace
}  // namespace hotline::reporting
