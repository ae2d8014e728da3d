#include "services/reporting/api/request_checks.h"

#include <cmath>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/domain/region_code.h"

namespace hotline::reporting {
namespace {

namespace v1 = hotline::reporting::v1;
namespace common = hotline::common::v1;

constexpr size_t kMaxCategory = 200;
constexpr int kMaxIndicators = 100;
constexpr int kMaxWeights = 20;
constexpr double kMaxWeight = 1000;
constexpr int kDefaultTopics = 10;
constexpr int kMaxTopics = 100;

void Day(const std::string& text, const char* field, absl::CivilDay& out,
         std::vector<FieldViolation>& bad) {
  if (text.empty()) {
    bad.push_back({field, "is required (YYYY-MM-DD)"});
  } else if (text.size() != 10 || !absl::ParseCivilTime(text, &out)) {
    bad.push_back({field, "is not a date (YYYY-MM-DD)"});
  }
}

void CheckPeriod(const v1::Period& period, IndicatorQuery& q, std::vector<FieldViolation>& bad) {
  const size_t before = bad.size();
  Day(period.from_date(), "period.from_date", q.from, bad);
  Day(period.to_date(), "period.to_date", q.to, bad);
  if (bad.size() != before) return;
  if (q.from > q.to) {
    bad.push_back({"period.to_date", "is before period.from_date"});
  } else if (q.to - q.from + 1 > kMaxPeriodDays) {
    bad.push_back({"period", absl::StrCat("is longer than ", kMaxPeriodDays, " days")});
  }
}

void CheckFilters(const v1::Filters& f, CellFilter& out, std::vector<FieldViolation>& bad) {
  if (!f.region_prefix().empty()) {
    absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(f.region_prefix());
    if (region.ok()) {
      out.region_prefix = region->code();
    } else {
      bad.push_back({"filters.region_prefix", std::string(region.status().message())});
    }
  }
  if (f.category().size() > kMaxCategory) bad.push_back({"filters.category", "is too long"});
  if (!common::TicketKind_IsValid(f.kind())) bad.push_back({"filters.kind", "is unknown"});
  if (!common::Channel_IsValid(f.channel())) bad.push_back({"filters.channel", "is unknown"});
  if (!common::SourceLine_IsValid(f.line())) bad.push_back({"filters.line", "is unknown"});
  out.unit_id = f.unit_id();
  out.category = f.category();
  out.kind = f.kind();
  out.channel = f.channel();
  out.line = f.line();
  out.minors_only = f.minors_only();
}

void CheckGroupBy(const v1::GetIndicatorsRequest& r, IndicatorQuery& q,
                  std::vector<FieldViolation>& bad) {
  std::set<int> seen;
  int region_tiers = 0;
  for (int d : r.group_by()) {
    if (d == v1::DIMENSION_UNSPECIFIED || !v1::Dimension_IsValid(d)) {
      bad.push_back({"group_by", absl::StrCat("has an unknown dimension ", d)});
      continue;
    }
    if (!seen.insert(d).second) {
      bad.push_back({"group_by", absl::StrCat("names ", v1::Dimension_Name(d), " twice")});
      continue;
    }
    if (d <= v1::DIMENSION_VILLAGE && ++region_tiers > 1) {
      bad.push_back({"group_by", "names more than one region tier"});
      continue;
    }
    q.group_by.push_back(static_cast<GroupBy>(d));
  }
}

// Every figure is of a period: a request without one is refused.
template <typename Request>
void CheckRequiredPeriod(const Request& r, IndicatorQuery& q, std::vector<FieldViolation>& bad) {
  if (!r.has_period()) {
    bad.push_back({"period", "is required"});
  } else {
    CheckPeriod(r.period(), q, bad);
  }
}

}  // namespace

absl::StatusOr<IndicatorQuery> ToIndicatorQuery(const v1::GetIndicatorsRequest& r) {
  std::vector<FieldViolation> bad;
  IndicatorQuery q;
  CheckRequiredPeriod(r, q, bad);
  CheckFilters(r.filters(), q.filter, bad);
  CheckGroupBy(r, q, bad);
  if (r.indicators_size() > kMaxIndicators) bad.push_back({"indicators", "names too many"});
  for (const std::string& code : r.indicators()) {
    if (code.empty()) bad.push_back({"indicators", "has an empty code"});
    q.indicators.push_back(code);
  }
  q.compare_previous = r.compare_previous();
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return q;
}

absl::StatusOr<RankingQuery> ToRankingQuery(const v1::GetRankingRequest& r) {
  std::vector<FieldViolation> bad;
  IndicatorQuery period;
  CheckRequiredPeriod(r, period, bad);
  RankingQuery q;
  CheckFilters(r.filters(), q.filter, bad);
  static constexpr int kTierDigits[] = {0, 2, 4, 6, 9, 12};
  if (r.tier() == common::TIER_UNSPECIFIED || !common::Tier_IsValid(r.tier())) {
    bad.push_back({"tier", "is required (the tier of the units ranked)"});
  } else {
    q.tier_digits = kTierDigits[r.tier()];
  }
  if (r.weights_size() > kMaxWeights) bad.push_back({"weights", "names too many"});
  std::set<std::string> seen;
  for (const v1::ScoreWeight& w : r.weights()) {
    if (w.indicator().empty()) {
      bad.push_back({"weights.indicator", "is required"});
    } else if (!seen.insert(w.indicator()).second) {
      bad.push_back({"weights.indicator", absl::StrCat("names ", w.indicator(), " twice")});
    }
    if (!std::isfinite(w.weight()) || w.weight() == 0 || std::fabs(w.weight()) > kMaxWeight) {
      bad.push_back(
          {"weights.weight",
           absl::StrCat("of ", w.indicator(), " is not a non-zero number within ±", kMaxWeight)});
    }
    q.weights.push_back({w.indicator(), w.weight()});
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  q.from = period.from;
  q.to = period.to;
  return q;
}

absl::StatusOr<HotTopicsQuery> ToHotTopicsQuery(const v1::HotTopicsRequest& r) {
  std::vector<FieldViolation> bad;
  IndicatorQuery period;
  CheckRequiredPeriod(r, period, bad);
  HotTopicsQuery q;
  CheckFilters(r.filters(), q.filter, bad);
  if (r.limit() < 0 || r.limit() > kMaxTopics) {
    bad.push_back({"limit", absl::StrCat("is not between 0 (the default, ", kDefaultTopics,
                                         ") and ", kMaxTopics)});
  }
  q.limit = r.limit() == 0 ? kDefaultTopics : r.limit();
  if (!bad.empty()) return InvalidFields(std::move(bad));
  q.from = period.from;
  q.to = period.to;
  return q;
}

absl::StatusOr<MinorReportQuery> ToMinorReportQuery(
    const v1::MonthlyMinorProtectionReportRequest& r) {
  std::vector<FieldViolation> bad;
  MinorReportQuery q;
  absl::CivilMonth month;
  if (r.month().empty()) {
    bad.push_back({"month", "is required (YYYY-MM)"});
  } else if (r.month().size() != 7 || !absl::ParseCivilTime(r.month(), &month)) {
    bad.push_back({"month", "is not a month (YYYY-MM)"});
  } else {
    q.month_start = absl::CivilDay(month);
  }
  if (!r.region_prefix().empty()) {
    absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(r.region_prefix());
    if (region.ok()) {
      q.region_prefix = region->code();
    } else {
      bad.push_back({"region_prefix", std::string(region.status().message())});
    }
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return q;
}

}  // namespace hotline::reporting
