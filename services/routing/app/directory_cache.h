#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/pg/pg_pool.h"
#include "services/routing/directory_snapshot.h"

namespace prometheus {
class Gauge;
class Registry;
}  // namespace prometheus

namespace hotline::routing {

// Reads the whole directory and catalogue (active rows only) as of one consistent moment.
absl::StatusOr<std::shared_ptr<const DirectorySnapshot>> LoadDirectory(pg::PgPool& pool,
                                                                       const Clock& clock);

// The directory this replica routes with. A thread polls routing_directory_version (which every
// write to the directory bumps) and swaps in a freshly loaded snapshot when it changed, so edits
// by any replica or by an import reach every replica within the poll interval, without a
// restart. Decisions hold the snapshot they started with.
class DirectoryCache {
 public:
  DirectoryCache(pg::PgPool& pool, const Clock& clock, absl::Duration poll_every,
                 prometheus::Registry* registry /* nullable */);
  ~DirectoryCache();

  // Loads now; the service does not start without a directory.
  absl::Status Load();
  // Reloads when the stored version differs from the loaded one (also after a write of ours, so
  // the writer sees its own change at once).
  absl::Status Refresh();
  std::shared_ptr<const DirectorySnapshot> Current() const;

  void Start();
  void Stop();

 private:
  absl::StatusOr<int64_t> StoredVersion();
  void Install(std::shared_ptr<const DirectorySnapshot> snapshot);

  pg::PgPool& pool_;
  const Clock& clock_;
  const absl::Duration poll_every_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const DirectorySnapshot> current_ ABSL_GUARDED_BY(mu_);
  absl::Mutex reload_mu_;  // one load at a time
  absl::Notification stop_;
  std::thread poller_;
  prometheus::Gauge* version_gauge_ = nullptr;
  prometheus::Gauge* units_gauge_ = nullptr;
  prometheus::Gauge* memory_gauge_ = nullptr;
  prometheus::Gauge* load_seconds_gauge_ = nullptr;
};

}  // namespace hotline::routing
