#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/reporting/app/indicator_queries.h"
#include "services/reporting/rules/hot_topics.h"
#include "services/reporting/rules/ranking.h"

namespace hotline::reporting {

struct RankingQuery {
  absl::CivilDay from, to;  // local days, inclusive
  CellFilter filter;        // already scoped to the caller
  int tier_digits = 0;      // the units ranked: those whose id begins with a code this long
  std::vector<ScoreWeight>
      weights;  // checked by the api (finite, non-zero, no repeats); empty = default
};

struct Ranking {
  int catalogue_version = 0;
  std::vector<ScoreWeight> weights;
  std::vector<IndicatorDef> parts;  // one per weight
  std::vector<RankedUnit> entries;
};

struct HotTopicsQuery {
  absl::CivilDay from, to;
  CellFilter filter;
  int limit = 10;  // per dimension
};

struct HotTopicList {
  GroupBy dimension;  // kCategory or the region tier below the filter's prefix
  std::vector<TopicVolume> topics;
};

struct HotTopicsReport {
  int catalogue_version = 0;
  std::vector<HotTopicList> lists;  // categories, then places
};

// GetRanking and HotTopics: both read the figures GetIndicators reads (the same counts, the same
// catalogue) and order them.
class Rankings {
 public:
  explicit Rankings(IndicatorQueries& indicators) : indicators_(indicators) {}

  // The units of the tier with at least one weighted figure defined in the period, ranked by the
  // composite score (rules/ranking.h). INVALID_ARGUMENT naming `weights` for an indicator the
  // catalogue lacks or one that is not a ratio.
  absl::StatusOr<Ranking> Rank(const RankingQuery& query);

  // Categories and places (one tier below the filter's region) by the rise of `received` against
  // the period of the same length just before.
  absl::StatusOr<HotTopicsReport> HotTopics(const HotTopicsQuery& query);

 private:
  IndicatorQueries& indicators_;
};

}  // namespace hotline::reporting
