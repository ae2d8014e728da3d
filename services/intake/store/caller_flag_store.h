#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/transaction.h"

namespace hotline::intake {

// A flag as the office sets it: the phone's blind index, never the phone.
struct CallerFlagDraft {
  std::string phone_index;
  std::string phone_hint;
  std::string reason_code;
  std::string flagged_by;
  absl::Time flagged_at;
  std::optional<absl::Time> expires_at;
};

// A live flag as SubmitTicket checks it.
struct FlaggedPhone {
  std::string phone_index;
  std::optional<absl::Time> expires_at;
};

// intake_caller_flags (0047): the callers whose tickets wait for the office's review.
class CallerFlagStore {
 public:
  virtual ~CallerFlagStore() = default;

  // Sets the phone's flag (replacing a live one's reason and expiry); the flag as stored.
  virtual hotline::intake::v1::CallerFlag Flag(Transaction& tx,
                                               const CallerFlagDraft& draft) const = 0;
  // Lifts a live flag; false when there is none with `id`.
  virtual bool Lift(Transaction& tx, int64_t id, const std::string& by, absl::Time at) const = 0;
  // The flags live at `now`, newest first.
  virtual std::vector<hotline::intake::v1::CallerFlag> Live(Transaction& tx,
                                                            absl::Time now) const = 0;
  // The phones flagged at `now`, by blind index.
  virtual std::vector<FlaggedPhone> LivePhones(Transaction& tx, absl::Time now) const = 0;
};

class PgCallerFlagStore final : public CallerFlagStore {
 public:
  hotline::intake::v1::CallerFlag Flag(Transaction& tx,
                                       const CallerFlagDraft& draft) const override;
  bool Lift(Transaction& tx, int64_t id, const std::string& by, absl::Time at) const override;
  std::vector<hotline::intake::v1::CallerFlag> Live(Transaction& tx, absl::Time now) const override;
  std::vector<FlaggedPhone> LivePhones(Transaction& tx, absl::Time now) const override;
};

}  // namespace hotline::intake
