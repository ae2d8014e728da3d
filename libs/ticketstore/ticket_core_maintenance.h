#pragma once

#include <cstdint>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "libs/crypto/field_cipher.h"
#include "libs/pg/pg_pool.h"

namespace hotline::ticketstore {

// What one run of hotline_maintenance() (migration 0003) did: monthly partitions made ahead for
// the partitioned tables, consumed_events rows forgotten, past days' ticket-number sequences
// dropped. `ran` is false when another process was running it at that moment.
struct MaintenanceRun {
  bool ran = false;
  int created_partitions = 0;
  int64_t pruned_consumed = 0;
  int dropped_sequences = 0;
};

// The advisory lock a run holds: one key for the whole database (the work is per database).
inline constexpr int64_t kTicketCoreMaintenanceLockKey = 0x686f746c6d61;  // "hotlma"

// Runs the ticket core's housekeeping once, under a transaction-level advisory lock: any number of
// replicas (and `hotline-admin maintenance` from a CronJob) may call it, one does the work.
absl::StatusOr<MaintenanceRun> RunTicketCoreMaintenance(pg::PgPool& pool);

// Runs RunTicketCoreMaintenance at start and then every `every`, on a thread of its own, until
// Stop. Failures are logged and retried at the next run: rows land in the default partition
// meanwhile, so nothing is lost while it is down. Every `keys_every` it also reloads `cipher`'s
// keyring file and reseals (resealer.h) what is not sealed with the active key, so a key rotation
// takes effect without a restart. With each run it also clears the personal data of tickets at
// rest for longer than `anonymise_after` (anonymiser.h; zero: never).
class TicketCoreMaintenance {
 public:
  TicketCoreMaintenance(pg::PgPool& pool, crypto::FieldCipher& cipher, absl::Duration every,
                        absl::Duration keys_every = absl::Minutes(1),
                        absl::Duration anonymise_after = absl::ZeroDuration())
      : pool_(pool),
        cipher_(cipher),
        every_(every),
        keys_every_(keys_every),
        anonymise_after_(anonymise_after) {}
  ~TicketCoreMaintenance() { Stop(); }

  void Start();
  void Stop();

 private:
  void Loop();
  void Maintain();
  void RotateKeys();

  pg::PgPool& pool_;
  crypto::FieldCipher& cipher_;
  const absl::Duration every_;
  const absl::Duration keys_every_;
  const absl::Duration anonymise_after_;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace hotline::ticketstore
