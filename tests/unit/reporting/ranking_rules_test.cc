// The ranking's composite score and the hot topics' order, as pure rules.
#include <catch2/catch.hpp>

#include "services/reporting/rules/hot_topics.h"
#include "services/reporting/rules/ranking.h"

namespace hotline::reporting {
namespace {

Figure Ratio(int64_t numerator, int64_t denominator) {
  Figure f;
  f.numerator = numerator;
  f.denominator = denominator;
  if (denominator != 0) f.value = static_cast<double>(numerator) / denominator;
  return f;
}

TEST_CASE("The score weighs the defined parts only, and equal scores share a rank") {
  // Defaults: signed on time 0.2, completed on time 0.3, satisfaction 0.3, resolved 0.2.
  const std::vector<ScoreWeight> weights = DefaultRankingWeights();
  REQUIRE(weights.size() == 4);
  CHECK(weights[1].indicator == "completed_on_time_rate");
  CHECK(weights[1].weight == 0.3);
  std::vector<UnitFigures> units = {
      // 100 × (0.2·0.5 + 0.3·1 + 0.3·0.5) ÷ 0.8: resolved has no data and weighs nothing.
      {"530102-a", {Ratio(1, 2), Ratio(1, 1), Ratio(1, 2), Ratio(0, 0)}},
      {"530102-b", {Ratio(1, 2), Ratio(1, 1), Ratio(1, 2), Ratio(0, 0)}},
      {"530102-c", {Ratio(3, 4), Ratio(3, 4), Ratio(3, 4), Ratio(3, 4)}},
      {"530102-d", {Ratio(1, 1), Ratio(1, 2), Ratio(1, 2), Ratio(1, 2)}},
      {"530102-e", {Ratio(0, 0), Ratio(0, 0), Ratio(0, 0), Ratio(0, 0)}},
  };
  const std::vector<RankedUnit> ranked = RankUnits(units, weights);
  REQUIRE(ranked.size() == 4);  // e has no figure at all: not ranked
  CHECK(ranked[0].unit_id == "530102-c");
  CHECK(ranked[0].rank == 1);
  CHECK(ranked[0].score == Approx(75));
  CHECK(ranked[1].unit_id == "530102-a");
  CHECK(ranked[1].rank == 2);
  CHECK(ranked[1].score == Approx(68.75));
  CHECK(ranked[2].unit_id == "530102-b");
  CHECK(ranked[2].rank == 2);
  CHECK(ranked[3].unit_id == "530102-d");
  CHECK(ranked[3].rank == 4);
  CHECK(ranked[3].score == Approx(60));
  CHECK(ranked[3].parts[0].numerator == 1);
}

TEST_CASE("A negative weight scores a ratio where less is better") {
  const std::vector<ScoreWeight> weights = {{"satisfaction_rate", 1}, {"reopen_rate", -1}};
  const std::vector<RankedUnit> ranked =
      RankUnits({{"5301-x", {Ratio(4, 5), Ratio(1, 4)}}}, weights);
  REQUIRE(ranked.size() == 1);
  CHECK(ranked[0].score == Approx(77.5));  // 100 × (0.8 + 0.75) ÷ 2
}

TEST_CASE("A unit's tier is the length of the division code its id begins with") {
  CHECK(UnitCodeDigits("530102-civil-affairs") == 6);
  CHECK(UnitCodeDigits("530102001:child-supervisor") == 9);
  CHECK(UnitCodeDigits("5301-water-supply") == 4);
  CHECK(UnitCodeDigits("53-office") == 2);
  CHECK(UnitCodeDigits("53010-x") == std::nullopt);
  CHECK(UnitCodeDigits("530102") == std::nullopt);
  CHECK(UnitCodeDigits("co-handler") == std::nullopt);
}

TEST_CASE("Hot topics: what rose, by the rise, then the count, then the name") {
  const std::vector<TopicVolume> hot = HottestTopics(
      {{"a", 5, 2}, {"b", 10, 7}, {"c", 1, 4}, {"d", 2, 2}, {"e", 3, 0}, {"f", 3, 0}, {"g", 1, 0}},
      10);
  std::vector<std::string> order;
  for (const TopicVolume& t : hot) order.push_back(t.value);
  CHECK(order == std::vector<std::string>{"b", "a", "e", "f", "g"});
  CHECK(HottestTopics({{"a", 5, 2}, {"b", 10, 7}}, 1).size() == 1);
  CHECK(HottestTopics({{"a", 5, 2}}, 0).empty());
}

TEST_CASE("Places are one tier below the region asked for") {
  CHECK(NextTierDigits(0) == 2);
  CHECK(NextTierDigits(2) == 4);
  CHECK(NextTierDigits(4) == 6);
  CHECK(NextTierDigits(6) == 9);
  CHECK(NextTierDigits(9) == 12);
  CHECK(NextTierDigits(12) == 12);
}

}  // namespace
}  // namespace hotline::reporting
