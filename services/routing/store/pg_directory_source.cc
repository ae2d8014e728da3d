#include "services/routing/store/pg_directory_source.h"

#include <optional>
#include <pqxx/result>
#include <pqxx/row>

#include "absl/strings/str_cat.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/transact.h"

namespace hotline::routing {
namespace {

constexpr char kSnapshotTransaction[] =
    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
constexpr char kAllowLongLoad[] = "SET LOCAL statement_timeout = '10min'";
constexpr char kVersion[] = "SELECT version FROM routing_directory_version";
constexpr char kDepartmentCodes[] = "SELECT code FROM routing_department_types ORDER BY code";
constexpr char kActiveUnitCount[] = "SELECT count(*) FROM routing_units WHERE active";
// A cursor fetches the rows in batches instead of holding a result of the whole country.
constexpr char kDeclareUnitCursor[] =
    "DECLARE directory_units NO SCROLL CURSOR FOR "
    "SELECT id, name, region_code, department FROM routing_units WHERE active";
constexpr int kUnitBatch = 50000;
constexpr char kFetchUnits[] = "FETCH 50000 FROM directory_units";
constexpr char kActiveRules[] =
    "SELECT id, category_prefix, region_prefix, area_kind, tier, departments, priority, "
    "note FROM routing_catalogue WHERE active ORDER BY id";

absl::Status LoadInto(pqxx::work& tx, DirectorySnapshot::Builder& builder, int64_t& version) {
  tx.exec0(kSnapshotTransaction);
  tx.exec0(kAllowLongLoad);
  version = tx.exec1(kVersion)[0].as<int64_t>();
  for (const pqxx::row& row : tx.exec(kDepartmentCodes)) builder.AddDepartment(row[0].c_str());
  builder.Reserve(tx.exec1(kActiveUnitCount)[0].as<size_t>());
  tx.exec0(kDeclareUnitCursor);
  while (true) {
    const pqxx::result batch = tx.exec(kFetchUnits);
    for (const pqxx::row& row : batch) {
      const pqxx::field id = row[0], name = row[1], region = row[2], department = row[3];
      absl::Status added = builder.AddUnit(
          absl::string_view(id.c_str(), id.size()), absl::string_view(name.c_str(), name.size()),
          absl::string_view(region.c_str(), region.size()),
          absl::string_view(department.c_str(), department.size()));
      if (!added.ok()) {
        return absl::InternalError(absl::StrCat("unit ", id.c_str(), ": ", added.message()));
      }
    }
    if (batch.size() < kUnitBatch) break;
  }
  for (const pqxx::row& row : tx.exec(kActiveRules)) {
    absl::Status added = builder.AddRule(row[0].as<int64_t>(), row[1].c_str(), row[2].c_str(),
                                         static_cast<AreaKind>(row[3].as<int>()),
                                         static_cast<domain::Tier>(row[4].as<int>()),
                                         pg::TextArrayOf(row[5]), row[6].as<int>(), row[7].c_str());
    if (!added.ok())
      return absl::InternalError(
          absl::StrCat("catalogue rule ", row[0].c_str(), ": ", added.message()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<const DirectorySnapshot>> LoadDirectory(pg::PgPool& pool,
                                                                       const Clock& clock) {
  const absl::Time start = clock.Now();
  std::optional<DirectorySnapshot::Builder> builder;
  int64_t version = 0;
  absl::Status status = pg::Transact(pool, [&](pqxx::work& tx) {
    builder.emplace();  // a retried attempt starts over
    return LoadInto(tx, *builder, version);
  });
  if (!status.ok()) return status;
  const absl::Time end = clock.Now();
  return std::move(*builder).Build(version, end, end - start);
}

absl::StatusOr<int64_t> PgDirectorySource::StoredVersion() const {
  return pg::TransactFor<int64_t>(pool_, [](pqxx::work& tx) -> absl::StatusOr<int64_t> {
    return tx.exec1(kVersion)[0].as<int64_t>();
  });
}

}  // namespace hotline::routing
