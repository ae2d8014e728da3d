#include "services/routing/app/directory_cache.h"

#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "libs/common/log.h"

namespace hotline::routing {
DirectoryCache::DirectoryCache(const DirectorySource& source, const Clock& clock,
                               absl::Duration poll_every, prometheus::Registry* registry)
    : source_(source), clock_(clock), poll_every_(poll_every) {
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
  absl::StatusOr<std::shared_ptr<const DirectorySnapshot>> loaded = source_.Load(clock_);
  if (!loaded.ok()) return loaded.status();
  Install(*std::move(loaded));
  return absl::OkStatus();
}

absl::Status DirectoryCache::Refresh() {
  absl::StatusOr<int64_t> stored = source_.StoredVersion();
  if (!stored.ok()) return stored.status();
  if (*stored == Current()->version()) return absl::OkStatus();
  return Load();
}

int64_t DirectoryCache::RefreshedVersion() {
  Refresh().IgnoreError();
  return Current()->version();
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
