#include "libs/ticketstore/ticket_core_maintenance.h"

#include <algorithm>
#include <pqxx/result>

#include "libs/common/log.h"
#include "libs/pg/transact.h"
#include "libs/ticketstore/anonymiser.h"
#include "libs/ticketstore/resealer.h"

namespace hotline::ticketstore {
namespace {

constexpr char kTryLock[] = "SELECT pg_try_advisory_xact_lock($1)";
constexpr char kMaintain[] =
    "SELECT created_partitions, pruned_consumed, dropped_sequences FROM hotline_maintenance()";

}  // namespace

absl::StatusOr<MaintenanceRun> RunTicketCoreMaintenance(pg::PgPool& pool) {
  return pg::TransactFor<MaintenanceRun>(
      pool, [](pqxx::work& tx) -> absl::StatusOr<MaintenanceRun> {
        MaintenanceRun run;
        if (!tx.exec_params1(kTryLock, kTicketCoreMaintenanceLockKey)[0].as<bool>()) return run;
        const pqxx::row done = tx.exec1(kMaintain);
        run.ran = true;
        run.created_partitions = done[0].as<int>();
        run.pruned_consumed = done[1].as<int64_t>();
        run.dropped_sequences = done[2].as<int>();
        return run;
      });
}

void TicketCoreMaintenance::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void TicketCoreMaintenance::Stop() {
  if (!thread_.joinable()) return;
  if (!stop_.HasBeenNotified()) stop_.Notify();
  thread_.join();
}

void TicketCoreMaintenance::Loop() {
  absl::Time next = absl::InfinitePast();
  do {
    if (absl::Now() >= next) {
      Maintain();
      next = absl::Now() + every_;
    }
    RotateKeys();
  } while (!stop_.WaitForNotificationWithTimeout(std::min(every_, keys_every_)));
}

void TicketCoreMaintenance::Maintain() {
  absl::StatusOr<MaintenanceRun> run = RunTicketCoreMaintenance(pool_);
  if (!run.ok()) {
    log::Warning("ticket core maintenance failed", {{"error", run.status().ToString()}});
  } else if (run->ran) {
    log::Info("ticket core maintenance", {{"created_partitions", run->created_partitions},
                                          {"pruned_consumed", run->pruned_consumed},
                                          {"dropped_sequences", run->dropped_sequences}});
  }
  if (anonymise_after_ <= absl::ZeroDuration()) return;
  // At most 20 x 500 tickets a run: a backlog is cleared over the following runs.
  absl::StatusOr<int64_t> cleared = Anonymise(pool_, absl::Now() - anonymise_after_, 500, 20);
  if (!cleared.ok()) {
    log::Warning("anonymising tickets at rest failed", {{"error", cleared.status().ToString()}});
  } else if (*cleared > 0) {
    log::Info("personal data of tickets at rest cleared", {{"tickets", *cleared}});
  }
}

void TicketCoreMaintenance::RotateKeys() {
  if (absl::Status reloaded = cipher_.Reload(); !reloaded.ok()) {
    log::Warning("the keyring did not reload; the keys in use stay",
                 {{"error", reloaded.ToString()}});
  }
  // At most 20 x 500 rows a tick: a large table is sealed over the following ticks, gently.
  absl::StatusOr<ResealRun> resealed = Reseal(pool_, cipher_, 500, 20);
  if (!resealed.ok()) {
    log::Warning("resealing personal data failed", {{"error", resealed.status().ToString()}});
  } else if (resealed->tickets > 0 || resealed->texts > 0 || resealed->free_text > 0) {
    log::Info("personal data sealed with the active key", {{"key", cipher_.active_key_id()},
                                                           {"tickets", resealed->tickets},
                                                           {"texts", resealed->texts},
                                                           {"free_text", resealed->free_text}});
  }
}

}  // namespace hotline::ticketstore
