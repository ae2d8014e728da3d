#include <pqxx/result>
#include <pqxx/row>

#include "absl/strings/str_cat.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "services/reporting/store/pg_stores.h"

namespace hotline::reporting {
namespace {

// The three limit columns, in minutes, from column `first` on.
ResponseLimits LimitsOf(const pqxx::row& r, int first) {
  ResponseLimits limits;
  limits.normal = absl::Minutes(r[first].as<int>());
  limits.urgent = absl::Minutes(r[first + 1].as<int>());
  limits.child_protection = absl::Minutes(r[first + 2].as<int>());
  return limits;
}

}  // namespace

constexpr char kVersionOn[] = R"sql(
SELECT version, effective_from::text, calendar, response_limit_minutes,
  response_limit_urgent_minutes, response_limit_child_minutes
FROM reporting_catalogue_versions
WHERE effective_from <= $1::date ORDER BY effective_from DESC LIMIT 1)sql";

constexpr char kFirstVersion[] = R"sql(
SELECT version, effective_from::text, calendar, response_limit_minutes,
  response_limit_urgent_minutes, response_limit_child_minutes
FROM reporting_catalogue_versions ORDER BY effective_from LIMIT 1)sql";

constexpr char kIndicators[] = R"sql(
SELECT code, name, kind, numerator, denominator, parameter, unit, time_base, attribution,
  exclusions, formula
FROM reporting_indicators WHERE version = $1 ORDER BY position)sql";

absl::StatusOr<Catalogue> PgCatalogueStore::EffectiveOn(Transaction& tx, absl::CivilDay day) {
  pqxx::work& work = pg::Work(tx);
  pqxx::result head = work.exec_params(kVersionOn, absl::FormatCivilTime(day));
  if (head.empty()) head = work.exec_params(kFirstVersion);
  if (head.empty()) return absl::FailedPreconditionError("the indicator catalogue is empty");
  Catalogue catalogue;
  catalogue.version = head[0][0].as<int>();
  if (!absl::ParseCivilTime(head[0][1].c_str(), &catalogue.effective_from)) {
    return absl::InternalError("catalogue effective date does not parse");
  }
  catalogue.calendar = head[0][2].c_str();
  catalogue.response_limits = LimitsOf(head[0], 3);
  for (const pqxx::row& r : work.exec_params(kIndicators, catalogue.version)) {
    IndicatorRowText row;
    row.code = r[0].c_str();
    row.name = r[1].c_str();
    row.kind = r[2].as<int>();
    row.numerator = pg::TextArrayOf(r[3]);
    row.denominator = pg::TextArrayOf(r[4]);
    row.parameter = r[5].as<double>();
    row.unit = r[6].c_str();
    row.time_base = r[7].c_str();
    row.attribution = r[8].c_str();
    row.exclusions = r[9].c_str();
    row.formula = r[10].c_str();
    absl::StatusOr<IndicatorDef> def = ParseIndicator(row);
    if (!def.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat("catalogue version ", catalogue.version, ": ", def.status().message()));
    }
    catalogue.indicators.push_back(*std::move(def));
  }
  return catalogue;
}

constexpr char kCalendarOn[] = R"sql(
SELECT calendar FROM (
  (SELECT calendar, 0 AS preference FROM reporting_catalogue_versions
   WHERE effective_from <= $1::date ORDER BY effective_from DESC LIMIT 1)
  UNION ALL
  (SELECT calendar, 1 FROM reporting_catalogue_versions ORDER BY effective_from LIMIT 1)
) v ORDER BY preference LIMIT 1)sql";

absl::StatusOr<std::string> PgCatalogueStore::CalendarOn(Transaction& tx, absl::CivilDay day) {
  const pqxx::result rows = pg::Work(tx).exec_params(kCalendarOn, absl::FormatCivilTime(day));
  if (rows.empty()) return absl::FailedPreconditionError("the indicator catalogue is empty");
  return std::string(rows[0][0].c_str());
}

constexpr char kResponseLimitsOn[] = R"sql(
SELECT normal, urgent, child FROM (
  (SELECT response_limit_minutes AS normal, response_limit_urgent_minutes AS urgent,
     response_limit_child_minutes AS child, 0 AS preference
   FROM reporting_catalogue_versions
   WHERE effective_from <= $1::date ORDER BY effective_from DESC LIMIT 1)
  UNION ALL
  (SELECT response_limit_minutes, response_limit_urgent_minutes, response_limit_child_minutes, 1
   FROM reporting_catalogue_versions ORDER BY effective_from LIMIT 1)
) v ORDER BY preference LIMIT 1)sql";

absl::StatusOr<ResponseLimits> PgCatalogueStore::ResponseLimitsOn(Transaction& tx,
                                                                  absl::CivilDay day) {
  const pqxx::result rows = pg::Work(tx).exec_params(kResponseLimitsOn, absl::FormatCivilTime(day));
  if (rows.empty()) return absl::FailedPreconditionError("the indicator catalogue is empty");
  return LimitsOf(rows[0], 0);
}

}  // namespace hotline::reporting
