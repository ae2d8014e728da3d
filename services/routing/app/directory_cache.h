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
#include "services/routing/rules/directory_snapshot.h"
#include "services/routing/store/directory_source.h"

namespace prometheus {
class Gauge;
class Registry;
}  // namespace prometheus

namespace hotline::routing {

// The directory this replica routes with. A thread polls routing_directory_version (which every
// write to the directory bumps) and swaps in a freshly loaded snapshot when it changed, so edits
// by any replica or by an import reach every replica within the poll interval, without a
// restart. Decisions hold the snapshot they started with.
class DirectoryCache {
 public:
  DirectoryCache(const DirectorySource& source, const Clock& clock, absl::Duration poll_every,
                 prometheus::Registry* registry /* nullable */);
  ~DirectoryCache();

  // Loads now; the service does not start without a directory.
  absl::Status Load();
  // Reloads when the stored version differs from the loaded one (also after a write of ours, so
  // the writer sees its own change at once).
  absl::Status Refresh();
  std::shared_ptr<const DirectorySnapshot> Current() const;
  // After a committed write: refreshes, and returns the version now routed with. A failed reload
  // is left to the poller; the write stands.
  int64_t RefreshedVersion();

  void Start();
  void Stop();

 private:
  void Install(std::shared_ptr<const DirectorySnapshot> snapshot);

  const DirectorySource& source_;
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
