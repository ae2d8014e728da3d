#include "services/reporting/app/rankings.h"

#include "absl/strings/str_cat.h"

namespace hotline::reporting {
namespace {

constexpr const char* kVolumeIndicator = "received";

GroupBy RegionTierOf(int digits) {
  switch (digits) {
    case 2:
      return GroupBy::kProvince;
    case 4:
      return GroupBy::kPrefecture;
    case 6:
      return GroupBy::kCounty;
    case 9:
      return GroupBy::kTownship;
    default:
      return GroupBy::kVillage;
  }
}

}  // namespace

absl::StatusOr<Ranking> Rankings::Rank(const RankingQuery& q) {
  Ranking ranking;
  ranking.weights = q.weights.empty() ? DefaultRankingWeights() : q.weights;
  IndicatorQuery figures;
  figures.from = q.from;
  figures.to = q.to;
  figures.filter = q.filter;
  figures.group_by = {GroupBy::kUnit};
  for (const ScoreWeight& w : ranking.weights) figures.indicators.push_back(w.indicator);
  absl::StatusOr<IndicatorReport> report = indicators_.Get(figures);
  if (report.status().code() == absl::StatusCode::kInvalidArgument) {
    return absl::InvalidArgumentError(absl::StrCat("weights: ", report.status().message()));
  }
  if (!report.ok()) return report.status();
  for (const IndicatorDef& def : report->definitions) {
    if (def.kind != IndicatorKind::kRatio) {
      return absl::InvalidArgumentError(
          absl::StrCat("weights: ", def.code, " is not a ratio indicator"));
    }
  }
  std::vector<UnitFigures> units;
  for (ReportRow& row : report->rows) {
    const std::string& unit = row.key[0];
    if (unit.empty() || UnitCodeDigits(unit) != q.tier_digits) continue;
    UnitFigures u{unit, {}};
    for (IndicatorCell& cell : row.cells) u.parts.push_back(std::move(cell.current));
    units.push_back(std::move(u));
  }
  ranking.catalogue_version = report->catalogue_version;
  ranking.parts = report->definitions;
  ranking.entries = RankUnits(std::move(units), ranking.weights);
  return ranking;
}

absl::StatusOr<HotTopicsReport> Rankings::HotTopics(const HotTopicsQuery& q) {
  HotTopicsReport hot;
  const int prefix_digits = static_cast<int>(q.filter.region_prefix.size());
  for (GroupBy dimension : {GroupBy::kCategory, RegionTierOf(NextTierDigits(prefix_digits))}) {
    IndicatorQuery volumes;
    volumes.from = q.from;
    volumes.to = q.to;
    volumes.filter = q.filter;
    volumes.group_by = {dimension};
    volumes.indicators = {kVolumeIndicator};
    volumes.compare_previous = true;
    absl::StatusOr<IndicatorReport> report = indicators_.Get(volumes);
    if (!report.ok()) return report.status();
    hot.catalogue_version = report->catalogue_version;
    std::vector<TopicVolume> topics;
    for (const ReportRow& row : report->rows) {
      const IndicatorCell& cell = row.cells[0];
      topics.push_back(
          {row.key[0], cell.current.numerator, cell.previous ? cell.previous->numerator : 0});
    }
    hot.lists.push_back({dimension, HottestTopics(std::move(topics), q.limit)});
  }
  return hot;
}

}  // namespace hotline::reporting
