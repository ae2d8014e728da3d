#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "libs/crypto/field_cipher.h"
#include "services/intake/app/submit_batch.h"
#include "services/intake/store/caller_flag_store.h"

namespace hotline::intake {

// The hotline office's list of malicious callers (恶意来电), and the question SubmitTicket asks of
// it. The live flags are kept in memory by blind index — reloaded every `poll`, and at once after
// a change made here — so a submission never reads the table; another replica's change applies
// within `poll`. Who may flag is settled before (api/intake_access.h).
class CallerFlags final : public FlaggedCallerCheck {
 public:
  CallerFlags(TransactionRunner& transactions, const CallerFlagStore& store,
              const crypto::FieldCipher& cipher, const Clock& clock, absl::Duration poll);
  ~CallerFlags();

  // Reads the live flags; then Start keeps them fresh until Stop.
  absl::Status Load();
  void Start();
  void Stop();

  // INVALID_ARGUMENT for a phone that is not a mainland number, an unknown reason, a past expiry.
  absl::StatusOr<hotline::intake::v1::CallerFlag> Flag(const std::string& phone,
                                                       const std::string& reason_code,
                                                       std::optional<absl::Time> expires_at,
                                                       const std::string& by);
  // NOT_FOUND when no live flag has `id`.
  absl::Status Lift(int64_t id, const std::string& by);
  absl::StatusOr<std::vector<hotline::intake::v1::CallerFlag>> List();

  // Whether the phone (as SubmitTicket canonicalised it) is flagged now.
  bool IsFlagged(const std::string& canonical_phone) const override;

 private:
  void Loop();

  TransactionRunner& transactions_;
  const CallerFlagStore& store_;
  const crypto::FieldCipher& cipher_;
  const Clock& clock_;
  const absl::Duration poll_;
  mutable absl::Mutex mu_;
  // Blind index → expiry (InfiniteFuture: until lifted).
  absl::flat_hash_map<std::string, absl::Time> flagged_ ABSL_GUARDED_BY(mu_);
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace hotline::intake
