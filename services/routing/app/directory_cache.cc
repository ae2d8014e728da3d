#include "services/routing/directory_cache.h"

#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <pqxx/result>
#include <pqxx/row>

#include "absl/strings/str_cat.h"
#include "libs/common/log.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/transact.h"

namespace hotline::routing {
namespace {

absl::Status LoadInto(pqxx::work& tx, DirectorySnapshot::Builder& builder, int64_t& version) {
  tx.exec0("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  tx.exec0("SET LOCAL statement_timeout = '10min'");
  version = tx.exec1("SELECT version FROM routing_directory_version")[0].as<int64_t>();
  for (const pqxx::row& row :
       tx.exec("SELECT code, name, functional FROM routing_department_types ORDER BY code")) {
    builder.AddDepartment(row[0].c_str(), row[1].c_str(), row[2].as<bool>());
  }
  builder.Reserve(tx.exec1("SELECT count(*) FROM routing_units WHERE active")[0].as<size_t>());
  // A cursor fetches the rows in batches instead of holding a result of the whole country.
  tx.exec0(
      "DECLARE directory_units NO SCROLL CURSOR FOR "
      "SELECT id, name, region_code, department FROM routing_units WHERE active");
  while (true) {
    const pqxx::result batch = tx.exec("FETCH 50000 FROM directory_units");
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
    if (batch.size() < 50000) break;
  }
  for (const pqxx::row& row :
       tx.exec("SELECT id, category_prefix, region_prefix, area_kind, tier, departments, priority, "
               "note FROM routing_catalogue WHERE active ORDER BY id")) {
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

DirectoryCache::DirectoryCache(pg::PgPool& pool, const Clock& clock, absl::Duration poll_every,
                               prometheus::Registry* registry)
    : pool_(pool), clock_(clock), poll_every_(poll_every) {
  if (registry == nullptr) return;
  auto gauge = [&](const char* name, const char* help) {
    return &prometheus::BuildGauge().Name(name).Help(help).Register(*registry).Add({});
  };
  version_gauge_ = gauge("hotline_routing_directory_version", "Directory version loaded");
  units_gauge_ = gauge("hotline_routing_directory_units", "Active units in the loaded directory");
  memory_gauge_ = gauge("hotline_routing_directory_bytes", "Memory of the loaded directory");
  load_seconds_gauge_ =
      gauge("hotline_routing_directory_load_seconds", "How long the last directory load took");
}

DirectoryCache::~DirectoryCache() { Stop(); }

absl::Status DirectoryCache::Load() {
  absl::MutexLock lock(&reload_mu_);
  absl::StatusOr<std::shared_ptr<const DirectorySnapshot>> loaded = LoadDirectory(pool_, clock_);
  if (!loaded.ok()) return loaded.status();
  Install(*std::move(loaded));
  return absl::OkStatus();
}

absl::StatusOr<int64_t> DirectoryCache::StoredVersion() {
  return pg::TransactFor<int64_t>(pool_, [](pqxx::work& tx) -> absl::StatusOr<int64_t> {
    return tx.exec1("SELECT version FROM routing_directory_version")[0].as<int64_t>();
  });
}

absl::Status DirectoryCache::Refresh() {
  absl::StatusOr<int64_t> stored = StoredVersion();
  if (!stored.ok()) return stored.status();
  if (*stored == Current()->version()) return absl::OkStatus();
  return Load();
}

std::shared_ptr<const DirectorySnapshot> DirectoryCache::Current() const {
  absl::ReaderMutexLock lock(&mu_);
  return current_;
}

void DirectoryCache::Install(std::shared_ptr<const DirectorySnapshot> snapshot) {
  log::Info("directory loaded",
            {{"version", std::to_string(snapshot->version())},
             {"units", std::to_string(snapshot->unit_count())},
             {"rules", std::to_string(snapshot->rules().size())},
             {"seconds", std::to_string(absl::ToDoubleSeconds(snapshot->load_time()))}});
  if (version_gauge_ != nullptr) {
    version_gauge_->Set(static_cast<double>(snapshot->version()));
    units_gauge_->Set(static_cast<double>(snapshot->unit_count()));
    memory_gauge_->Set(static_cast<double>(snapshot->MemoryBytes()));
    load_seconds_gauge_->Set(absl::ToDoubleSeconds(snapshot->load_time()));
  }
  std::shared_ptr<const DirectorySnapshot> old;
  {
    absl::MutexLock lock(&mu_);
    old = std::move(current_);
    current_ = std::move(snapshot);
  }
  // `old` is freed here, outside the lock, unless a decision still holds it.
}

void DirectoryCache::Start() {
  poller_ = std::thread([this] {
    while (!stop_.WaitForNotificationWithTimeout(poll_every_)) {
      if (absl::Status status = Refresh(); !status.ok()) {
        log::Warning("directory reload failed; keeping the loaded one",
                     {{"error", std::string(status.message())}});
      }
    }
  });
}

void DirectoryCache::Stop() {
  if (!poller_.joinable()) return;
  stop_.Notify();
  poller_.join();
}

}  // namespace hotline::routing
