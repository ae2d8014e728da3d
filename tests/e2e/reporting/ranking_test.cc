// GetRanking and HotTopics of real tickets (the same scripted tickets as the indicators' test):
// every part of a unit's score is its GetIndicators figure, the score follows the documented
// formula, and the hot topics' volumes are GetIndicators' `received`.
#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/e2e/reporting/reporting_fixture.h"

namespace hotline::reporting::testing {

// The scripted tickets of indicators_test.cc.
void Drive(ReportingFixture& f);

namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::reporting::v1;

TEST_CASE("The ranking of county units is computed from their GetIndicators figures",
          "[reporting]") {
  ReportingFixture f;
  Drive(f);
  v1::GetIndicatorsResponse units;
  REQUIRE(f.Indicators(f.reporting_53, {v1::DIMENSION_UNIT}, "", &units).ok());

  v1::GetRankingRequest request;
  *request.mutable_period() = units.period();
  request.set_tier(common::TIER_COUNTY);
  v1::GetRankingResponse ranking;
  const grpc::Status status =
      f.reporting().GetRanking(f.desk().As(f.reporting_53).get(), request, &ranking);
  INFO(status.error_message());
  REQUIRE(status.ok());
  CHECK(ranking.catalogue_version() == 1);
  REQUIRE(ranking.weights_size() == 4);
  bool education_ranked = false;
  double previous_score = 100;
  for (const v1::RankingEntry& entry : ranking.entries()) {
    education_ranked |= entry.unit_id() == "530102-education";
    auto figures = ReportingFixture::Row(units, {entry.unit_id()});
    REQUIRE(entry.parts_size() == 4);
    double scored = 0, weighed = 0;
    for (int i = 0; i < entry.parts_size(); ++i) {
      const v1::IndicatorValue& part = entry.parts(i);
      CHECK(part.code() == ranking.weights(i).indicator());
      CHECK(part.numerator() == figures[part.code()].numerator());
      CHECK(part.denominator() == figures[part.code()].denominator());
      if (!part.defined()) continue;
      scored += ranking.weights(i).weight() * part.value();
      weighed += ranking.weights(i).weight();
    }
    REQUIRE(weighed > 0);
    CHECK(entry.score() == Approx(100 * scored / weighed));
    CHECK(entry.score() <= previous_score);
    previous_score = entry.score();
  }
  CHECK(education_ranked);  // it closed two tickets of Wuhua

  v1::ExportReportRequest export_request;
  *export_request.mutable_ranking() = request;
  auto context = f.desk().As(f.reporting_53);
  auto reader = f.reporting().ExportReport(context.get(), export_request);
  std::string csv;
  v1::ExportReportChunk chunk;
  while (reader->Read(&chunk)) csv += chunk.csv();
  REQUIRE(reader->Finish().ok());
  CHECK(csv.rfind("rank,unit,score,indicator,weight,numerator,denominator,value\n", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 4 * ranking.entries_size());
}

TEST_CASE("Hot topics of real tickets: the volumes GetIndicators counts", "[reporting]") {
  ReportingFixture f;
  Drive(f);
  v1::GetIndicatorsResponse categories;
  REQUIRE(f.Indicators(f.reporting_53, {v1::DIMENSION_CATEGORY}, "", &categories).ok());

  v1::HotTopicsRequest request;
  *request.mutable_period() = categories.period();
  request.set_limit(100);
  v1::HotTopicsResponse hot;
  const grpc::Status status =
      f.reporting().HotTopics(f.desk().As(f.reporting_53).get(), request, &hot);
  INFO(status.error_message());
  REQUIRE(status.ok());
  int category_topics = 0;
  for (const v1::HotTopic& topic : hot.topics()) {
    if (topic.dimension() == v1::DIMENSION_CATEGORY) {
      ++category_topics;
      auto figures = ReportingFixture::Row(categories, {topic.value()});
      CHECK(topic.count() == figures["received"].numerator());
      CHECK(topic.previous_count() == 0);  // nothing was received before the period
      CHECK(topic.rise() == topic.count());
    } else {
      CHECK(topic.dimension() == v1::DIMENSION_PREFECTURE);
      CHECK(topic.value() == "5301");
      CHECK(topic.count() == 7);
    }
  }
  int received_categories = 0;
  for (const v1::IndicatorRow& row : categories.rows()) {
    received_categories +=
        ReportingFixture::Row(categories, {row.key(0)})["received"].numerator() > 0;
  }
  CHECK(category_topics == received_categories);
  CHECK(hot.topics_size() == category_topics + 1);
}

}  // namespace
}  // namespace hotline::reporting::testing
