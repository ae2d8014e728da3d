#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "libs/common/transaction.h"
#include "services/reporting/rules/catalogue.h"
#include "services/reporting/rules/indicator_math.h"
#include "services/reporting/store/catalogue_store.h"
#include "services/reporting/store/counter_store.h"

namespace hotline::reporting {

// What figures can be grouped by; the numbers mirror hotline.reporting.v1.Dimension.
enum class GroupBy : int {
  kProvince = 1,
  kPrefecture = 2,
  kCounty = 3,
  kTownship = 4,
  kVillage = 5,
  kUnit = 6,
  kCategory = 7,
  kKind = 8,
  kChannel = 9,
  kLine = 10,
  kMinor = 11,
};

struct IndicatorQuery {
  absl::CivilDay from;  // local days, inclusive
  absl::CivilDay to;
  CellFilter filter;                    // already scoped to the caller (api/access)
  std::vector<GroupBy> group_by;        // at most one region tier, no repeats (api checks)
  std::vector<std::string> indicators;  // codes; empty = all
  bool compare_previous = false;
};

struct IndicatorCell {
  Figure current;
  std::optional<Figure> previous;
};

struct ReportRow {
  std::vector<std::string> key;      // one value per group_by, in its order
  std::vector<IndicatorCell> cells;  // one per definition, in its order
};

struct IndicatorReport {
  int catalogue_version = 0;
  absl::CivilDay from, to;
  std::optional<absl::CivilDay> previous_from, previous_to;
  std::vector<IndicatorDef> definitions;
  std::vector<ReportRow> rows;  // sorted by key
};

// GetIndicators: the catalogue version in force on the period's last day, the sums of the period
// (and the previous one) per group, and each indicator computed from them. Reads a number of rows
// bounded by days × cells, whatever the number of tickets.
class IndicatorQueries {
 public:
  IndicatorQueries(TransactionRunner& transactions, CounterStore& counts, CatalogueStore& catalogue)
      : transactions_(transactions), counts_(counts), catalogue_(catalogue) {}

  // INVALID_ARGUMENT for an indicator code the catalogue does not have.
  absl::StatusOr<IndicatorReport> Get(const IndicatorQuery& query);

 private:
  TransactionRunner& transactions_;
  CounterStore& counts_;
  CatalogueStore& catalogue_;
};

}  // namespace hotline::reporting
