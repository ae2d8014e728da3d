#include <pqxx/result>
#include <pqxx/row>

#include "absl/strings/str_format.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "services/reporting/store/pg_stores.h"

namespace hotline::reporting {
namespace {

// '{0.75,NULL}': libpqxx 6 binds no arrays; 17 significant digits read back the same double.
std::string OptionalDoubleArray(const std::vector<PublishedRow>& rows) {
  std::string out = "{";
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) out += ',';
    out += rows[i].value ? absl::StrFormat("%.17g", *rows[i].value) : "NULL";
  }
  return out + "}";
}

}  // namespace

constexpr char kLoadFrozen[] = R"sql(
SELECT catalogue_version, suppression_threshold, digest,
  (extract(epoch from frozen_at) * 1000000)::bigint
FROM reporting_frozen_reports WHERE report = $1 AND period_start = $2::date AND region_prefix = $3)sql";

constexpr char kLoadFrozenRows[] = R"sql(
SELECT section, key, code, kind, numerator, denominator, value, suppressed
FROM reporting_frozen_rows WHERE report = $1 AND period_start = $2::date AND region_prefix = $3
ORDER BY position)sql";

std::optional<FrozenReport> PgFrozenReportStore::Load(Transaction& tx, const std::string& report,
                                                      absl::CivilDay period_start,
                                                      const std::string& region_prefix) {
  pqxx::work& work = pg::Work(tx);
  const std::string day = absl::FormatCivilTime(period_start);
  const pqxx::result head = work.exec_params(kLoadFrozen, report, day, region_prefix);
  if (head.empty()) return std::nullopt;
  FrozenReport f;
  f.report = report;
  f.period_start = period_start;
  f.region_prefix = region_prefix;
  f.catalogue_version = head[0][0].as<int>();
  f.suppression_threshold = head[0][1].as<int>();
  f.digest = head[0][2].c_str();
  f.frozen_at = absl::FromUnixMicros(head[0][3].as<int64_t>());
  for (const pqxx::row& r : work.exec_params(kLoadFrozenRows, report, day, region_prefix)) {
    PublishedRow row;
    row.section = r[0].c_str();
    row.key = r[1].c_str();
    row.code = r[2].c_str();
    row.kind = static_cast<IndicatorKind>(r[3].as<int>());
    row.numerator = r[4].as<int64_t>();
    row.denominator = r[5].as<int64_t>();
    if (!r[6].is_null()) row.value = r[6].as<double>();
    row.suppressed = r[7].as<bool>();
    f.rows.push_back(std::move(row));
  }
  return f;
}

constexpr char kFreezeHead[] = R"sql(
INSERT INTO reporting_frozen_reports (report, period_start, region_prefix, catalogue_version,
  suppression_threshold, digest, frozen_at)
VALUES ($1, $2::date, $3, $4, $5, $6, 'epoch'::timestamptz + $7 * interval '1 microsecond')
ON CONFLICT DO NOTHING RETURNING 1)sql";

constexpr char kFreezeRows[] = R"sql(
INSERT INTO reporting_frozen_rows (report, period_start, region_prefix, position, section, key,
  code, kind, numerator, denominator, value, suppressed)
SELECT $1, $2::date, $3, position, section, key, code, kind, numerator, denominator, value,
  suppressed
FROM unnest($4::text[], $5::text[], $6::text[], $7::smallint[], $8::bigint[], $9::bigint[],
  $10::double precision[], $11::boolean[])
  WITH ORDINALITY AS r (section, key, code, kind, numerator, denominator, value, suppressed,
  position))sql";

void PgFrozenReportStore::FreezeOnce(Transaction& tx, const FrozenReport& f) {
  pqxx::work& work = pg::Work(tx);
  const std::string day = absl::FormatCivilTime(f.period_start);
  const pqxx::result inserted =
      work.exec_params(kFreezeHead, f.report, day, f.region_prefix, f.catalogue_version,
                       f.suppression_threshold, f.digest, absl::ToUnixMicros(f.frozen_at));
  if (inserted.empty() || f.rows.empty()) return;
  std::vector<std::string> sections, keys, codes;
  std::vector<int64_t> kinds, numerators, denominators;
  std::vector<bool> suppressed;
  for (const PublishedRow& r : f.rows) {
    sections.push_back(r.section);
    keys.push_back(r.key);
    codes.push_back(r.code);
    kinds.push_back(static_cast<int>(r.kind));
    numerators.push_back(r.numerator);
    denominators.push_back(r.denominator);
    suppressed.push_back(r.suppressed);
  }
  work.exec_params0(kFreezeRows, f.report, day, f.region_prefix, pg::TextArrayLiteral(sections),
                    pg::TextArrayLiteral(keys), pg::TextArrayLiteral(codes),
                    pg::IntArrayLiteral(kinds), pg::IntArrayLiteral(numerators),
                    pg::IntArrayLiteral(denominators), OptionalDoubleArray(f.rows),
                    pg::BoolArrayLiteral(suppressed));
}

}  // namespace hotline::reporting
