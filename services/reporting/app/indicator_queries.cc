#include "services/reporting/app/indicator_queries.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"

namespace hotline::reporting {
namespace {

// Levels (stocks) are the sum of every delta up to the period's end.
constexpr absl::CivilDay kBeginning(1970, 1, 1);

using SumsByKey = std::map<CellKey, CounterSums>;

CellGrouping GroupingOf(const std::vector<GroupBy>& group_by) {
  static constexpr int kDigits[] = {0, 2, 4, 6, 9, 12};
  CellGrouping g;
  for (GroupBy d : group_by) {
    const int n = static_cast<int>(d);
    if (n >= 1 && n <= 5) g.region_digits = kDigits[n];
    g.unit |= d == GroupBy::kUnit;
    g.category |= d == GroupBy::kCategory;
    g.kind |= d == GroupBy::kKind;
    g.channel |= d == GroupBy::kChannel;
    g.line |= d == GroupBy::kLine;
    g.minor |= d == GroupBy::kMinor;
  }
  return g;
}

// The place of a dimension in CellKey.
int PlaceOf(GroupBy d) {
  const int n = static_cast<int>(d);
  return n <= 5 ? 0 : n - 5;  // unit 1, category 2, kind 3, channel 4, line 5, minor 6
}

struct CounterSets {
  std::vector<Counter> flow;
  std::vector<Counter> level;
};

CounterSets CountersOf(const std::vector<IndicatorDef>& defs) {
  std::set<Counter> flow, level;
  for (const IndicatorDef& d : defs) {
    std::set<Counter>& into = d.kind == IndicatorKind::kStock ? level : flow;
    into.insert(d.numerator.begin(), d.numerator.end());
    into.insert(d.denominator.begin(), d.denominator.end());
  }
  return {{flow.begin(), flow.end()}, {level.begin(), level.end()}};
}

struct PeriodSums {
  SumsByKey flow;
  SumsByKey level;
};

absl::StatusOr<std::vector<IndicatorDef>> Select(const Catalogue& catalogue,
                                                 const std::vector<std::string>& codes) {
  if (codes.empty()) return catalogue.indicators;
  std::vector<IndicatorDef> selected;
  for (const std::string& code : codes) {
    const IndicatorDef* found = nullptr;
    for (const IndicatorDef& d : catalogue.indicators) {
      if (d.code == code) found = &d;
    }
    if (found == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "indicators: catalogue version ", catalogue.version, " has no indicator ", code));
    }
    selected.push_back(*found);
  }
  return selected;
}

bool AllZero(const CounterSums& sums, const std::vector<Counter>& counters) {
  for (Counter c : counters) {
    if (sums.Total(c) != 0) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<IndicatorReport> IndicatorQueries::Get(const IndicatorQuery& q) {
  return transactions_.RunFor<IndicatorReport>(
      [&](Transaction& tx) -> absl::StatusOr<IndicatorReport> {
        absl::StatusOr<Catalogue> catalogue = catalogue_.EffectiveOn(tx, q.to);
        if (!catalogue.ok()) return catalogue.status();
        absl::StatusOr<std::vector<IndicatorDef>> defs = Select(*catalogue, q.indicators);
        if (!defs.ok()) return defs.status();
        const CounterSets counters = CountersOf(*defs);
        const CellGrouping grouping = GroupingOf(q.group_by);

        auto sums_of = [&](absl::CivilDay from, absl::CivilDay to) {
          PeriodSums sums;
          auto read = [&](absl::CivilDay a, const std::vector<Counter>& only, SumsByKey& into) {
            if (only.empty()) return;
            for (const CounterSum& s : counts_.Sum(tx, a, to, q.filter, grouping, only)) {
              into[s.key].Add(s.counter, s.detail, s.amount);
            }
          };
          read(from, counters.flow, sums.flow);
          read(kBeginning, counters.level, sums.level);
          return sums;
        };

        IndicatorReport report;
        report.catalogue_version = catalogue->version;
        report.from = q.from;
        report.to = q.to;
        report.definitions = *defs;
        const PeriodSums now = sums_of(q.from, q.to);
        PeriodSums before;
        if (q.compare_previous) {
          const absl::civil_diff_t days = q.to - q.from + 1;
          report.previous_to = q.from - 1;
          report.previous_from = *report.previous_to - (days - 1);
          before = sums_of(*report.previous_from, *report.previous_to);
        }

        // Every group with a figure in either period; a level that is zero alone makes no row.
        std::set<CellKey> keys;
        for (const PeriodSums* p : {&now, static_cast<const PeriodSums*>(&before)}) {
          for (const auto& [key, sums] : p->flow) keys.insert(key);
          for (const auto& [key, sums] : p->level) {
            if (!AllZero(sums, counters.level)) keys.insert(key);
          }
        }
        static const CounterSums kNone;
        auto find = [](const SumsByKey& m, const CellKey& k) -> const CounterSums& {
          auto it = m.find(k);
          return it == m.end() ? kNone : it->second;
        };
        for (const CellKey& key : keys) {
          ReportRow row;
          for (GroupBy d : q.group_by) row.key.push_back(key[PlaceOf(d)]);
          for (const IndicatorDef& def : *defs) {
            IndicatorCell cell;
            cell.current = ComputeFigure(def, find(now.flow, key), find(now.level, key));
            if (q.compare_previous) {
              cell.previous = ComputeFigure(def, find(before.flow, key), find(before.level, key));
            }
            row.cells.push_back(std::move(cell));
          }
          report.rows.push_back(std::move(row));
        }
        return report;
      });
}

}  // namespace hotline::reporting
