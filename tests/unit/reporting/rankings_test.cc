// GetRanking and HotTopics over in-memory counts: which units are ranked, the scores, the errors
// of a bad weight, and the hot categories and places against the previous period.
#include "services/reporting/app/rankings.h"

#include <catch2/catch.hpp>

#include "tests/unit/reporting/use_case_world.h"

namespace hotline::reporting {
namespace {

IndicatorDef RatioOf(std::string code, Counter numerator, Counter denominator) {
  IndicatorDef d;
  d.code = std::move(code);
  d.kind = IndicatorKind::kRatio;
  d.numerator = {numerator};
  d.denominator = {denominator};
  return d;
}

struct RankingWorld {
  RankingWorld() {
    IndicatorDef received;
    received.code = "received";
    received.kind = IndicatorKind::kCount;
    received.numerator = {Counter::kReceived};
    catalogue.versions = {
        {3,
         absl::CivilDay(2000, 1, 1),
         "standard",
         {received,
          RatioOf("signed_on_time_rate", Counter::kLeadSignedOnTime, Counter::kLeadSigned),
          RatioOf("satisfaction_rate", Counter::kSatisfied, Counter::kEvaluated)}}};
  }
  void Count(absl::CivilDay day, std::string region, std::string unit, std::string category,
             Counter counter, int64_t amount) {
    Dimensions dims;
    dims.region_code = std::move(region);
    dims.unit_id = std::move(unit);
    dims.category = std::move(category);
    w.counts.deltas.push_back({day, dims, counter, "", amount});
  }

  World w;
  FakeCatalogueStore catalogue;
  IndicatorQueries indicators{w.runner, w.counts, catalogue};
  Rankings rankings{indicators};
};

constexpr absl::CivilDay kDec5(2026, 12, 5);
constexpr absl::CivilDay kNov30(2026, 11, 30);

RankingQuery December(int tier_digits) {
  RankingQuery q;
  q.from = absl::CivilDay(2026, 12, 1);
  q.to = absl::CivilDay(2026, 12, 31);
  q.filter.region_prefix = "5301";
  q.tier_digits = tier_digits;
  q.weights = {{"signed_on_time_rate", 1}, {"satisfaction_rate", 1}};
  return q;
}

TEST_CASE("GetRanking: the units of the tier in the period, by their composite score") {
  RankingWorld r;
  r.Count(kDec5, "530102", "530102-roads", "urban/roads", Counter::kLeadSigned, 4);
  r.Count(kDec5, "530102", "530102-roads", "urban/roads", Counter::kLeadSignedOnTime, 3);
  r.Count(kDec5, "530102", "530102-roads", "urban/roads", Counter::kEvaluated, 2);
  r.Count(kDec5, "530102", "530102-roads", "urban/roads", Counter::kSatisfied, 1);
  r.Count(kDec5, "530103", "530103-roads", "urban/roads", Counter::kLeadSigned, 2);
  r.Count(kDec5, "530103", "530103-roads", "urban/roads", Counter::kLeadSignedOnTime, 2);
  r.Count(kDec5, "530102", "5301-water", "water/supply", Counter::kLeadSigned, 1);
  r.Count(kNov30, "530104", "530104-parks", "urban/parks", Counter::kLeadSigned, 1);
  r.Count(kDec5, "5302", "530201-roads", "urban/roads", Counter::kLeadSigned, 1);

  absl::StatusOr<Ranking> county = r.rankings.Rank(December(6));
  REQUIRE(county.ok());
  CHECK(county->catalogue_version == 3);
  REQUIRE(county->entries.size() == 2);
  // 530103-roads: signed on time 2/2, no evaluation yet: 100.
  CHECK(county->entries[0].unit_id == "530103-roads");
  CHECK(county->entries[0].rank == 1);
  CHECK(county->entries[0].score == Approx(100));
  CHECK_FALSE(county->entries[0].parts[1].value.has_value());
  // 530102-roads: 100 × (3/4 + 1/2) ÷ 2.
  CHECK(county->entries[1].unit_id == "530102-roads");
  CHECK(county->entries[1].rank == 2);
  CHECK(county->entries[1].score == Approx(62.5));
  CHECK(county->entries[1].parts[0].numerator == 3);
  CHECK(county->entries[1].parts[0].denominator == 4);
  CHECK(county->entries[1].parts[1].numerator == 1);
  CHECK(county->entries[1].parts[1].denominator == 2);
  REQUIRE(county->parts.size() == 2);
  CHECK(county->parts[1].code == "satisfaction_rate");

  absl::StatusOr<Ranking> prefecture = r.rankings.Rank(December(4));
  REQUIRE(prefecture.ok());
  REQUIRE(prefecture->entries.size() == 1);
  CHECK(prefecture->entries[0].unit_id == "5301-water");

  RankingQuery one_county = December(6);
  one_county.filter.region_prefix = "530102";
  absl::StatusOr<Ranking> narrowed = r.rankings.Rank(one_county);
  REQUIRE(narrowed.ok());
  REQUIRE(narrowed->entries.size() == 1);
  CHECK(narrowed->entries[0].unit_id == "530102-roads");
}

TEST_CASE("GetRanking: a weight on an indicator the catalogue lacks or that is no ratio") {
  RankingWorld r;
  RankingQuery q = December(6);
  q.weights = {};  // the defaults name completed_on_time_rate, which this catalogue lacks
  absl::Status missing = r.rankings.Rank(q).status();
  CHECK(missing.code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(missing.message()), Catch::Contains("weights"));
  q.weights = {{"received", 1}};
  absl::Status count = r.rankings.Rank(q).status();
  CHECK(count.code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(count.message()), Catch::Contains("received is not a ratio"));
}

TEST_CASE("HotTopics: categories and places one tier down, by the rise against the period before") {
  RankingWorld r;
  r.Count(kDec5, "530102", "", "urban/roads", Counter::kReceived, 3);
  r.Count(kNov30, "530102", "", "urban/roads", Counter::kReceived, 1);
  r.Count(kDec5, "530103", "", "education/fees", Counter::kReceived, 1);
  r.Count(kNov30, "530103", "", "education/fees", Counter::kReceived, 2);
  r.Count(kDec5, "530104", "", "water/supply", Counter::kReceived, 2);
  r.Count(kDec5, "5302", "", "water/supply", Counter::kReceived, 9);

  HotTopicsQuery q;
  q.from = absl::CivilDay(2026, 12, 1);
  q.to = absl::CivilDay(2026, 12, 31);
  q.filter.region_prefix = "5301";
  q.limit = 10;
  absl::StatusOr<HotTopicsReport> hot = r.rankings.HotTopics(q);
  REQUIRE(hot.ok());
  CHECK(hot->catalogue_version == 3);
  REQUIRE(hot->lists.size() == 2);
  CHECK(hot->lists[0].dimension == GroupBy::kCategory);
  REQUIRE(hot->lists[0].topics.size() == 2);
  CHECK(hot->lists[0].topics[0].value == "urban/roads");
  CHECK(hot->lists[0].topics[0].count == 3);
  CHECK(hot->lists[0].topics[0].previous_count == 1);
  CHECK(hot->lists[0].topics[1].value == "water/supply");
  CHECK(hot->lists[0].topics[1].count == 2);
  CHECK(hot->lists[0].topics[1].previous_count == 0);
  CHECK(hot->lists[1].dimension == GroupBy::kCounty);
  REQUIRE(hot->lists[1].topics.size() == 2);
  CHECK(hot->lists[1].topics[0].value == "530102");
  CHECK(hot->lists[1].topics[1].value == "530104");

  q.limit = 1;
  q.filter.region_prefix = "53";
  hot = r.rankings.HotTopics(q);
  REQUIRE(hot.ok());
  REQUIRE(hot->lists[0].topics.size() == 1);
  CHECK(hot->lists[0].topics[0].value == "water/supply");  // 11 against 0
  CHECK(hot->lists[1].dimension == GroupBy::kPrefecture);
  REQUIRE(hot->lists[1].topics.size() == 1);
  CHECK(hot->lists[1].topics[0].value == "5302");  // rose by 9; 5301 by 3
}

}  // namespace
}  // namespace hotline::reporting
