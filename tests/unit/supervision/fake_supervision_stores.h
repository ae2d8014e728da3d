#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/supervision/store/clock_store.h"
#include "services/supervision/store/request_store.h"
#include "tests/support/fake_transaction.h"

namespace hotline::supervision::testing {

// supervision_clocks in memory: the same uniqueness of live clocks, locking order and claims as
// PgClockStore (no other sweeper exists here, so nothing is skipped).
class FakeClockStore final : public ClockStore, public ::hotline::testing::FakeState {
 public:
  std::optional<ClockRow> Insert(Transaction& tx, const ClockRow& row) override;
  void SaveMany(Transaction& tx, const std::vector<ClockRow>& rows) override;
  std::vector<ClockRow> Live(Transaction& tx, int64_t ticket_id) override;
  std::vector<ClockRow> OfTicket(Transaction& tx, int64_t ticket_id) override;
  std::vector<ClockRow> ClaimDue(Transaction& tx, absl::Time now, int limit) override;
  std::vector<ClockRow> Open(Transaction& tx, const std::string& region_prefix,
                             const ClockPage& page) override;

  // Every clock, by id.
  const std::map<int64_t, ClockRow>& rows() const { return rows_; }
  // The ticket's clocks of `kind`, oldest first.
  std::vector<ClockRow> Of(int64_t ticket_id, ClockKind kind) const;

  void Save() override { saved_ = rows_; }
  void Restore() override { rows_ = saved_; }

 private:
  std::map<int64_t, ClockRow> rows_, saved_;
};

// Suspension and extension requests in memory.
class FakeRequestStore final : public RequestStore, public ::hotline::testing::FakeState {
 public:
  struct Suspension {
    SuspensionRequestDraft draft;
    hotline::supervision::v1::ExtensionState state =
        hotline::supervision::v1::EXTENSION_STATE_PENDING;
    std::string decision_reason;
  };
  struct Extension {
    int64_t ticket_id = 0;
    hotline::supervision::v1::ExtensionRequest request;
  };

  int64_t AddSuspension(Transaction& tx, const SuspensionRequestDraft& draft) override;
  std::optional<SuspensionRequestHead> LockSuspension(Transaction& tx, int64_t id) override;
  void DecideSuspension(Transaction& tx, int64_t id, hotline::supervision::v1::ExtensionState state,
                        const std::string& reason, absl::Time at) override;
  int64_t AddExtension(Transaction& tx, int64_t ticket_id, const std::string& region_code,
                       const hotline::supervision::v1::ExtensionRequest& request) override;
  std::optional<hotline::supervision::v1::ExtensionRequest> LockExtension(Transaction& tx,
                                                                          int64_t id) override;
  void DecideExtension(Transaction& tx, int64_t id, hotline::supervision::v1::ExtensionState state,
                       const std::string& reason, absl::Time at) override;
  std::vector<hotline::supervision::v1::ExtensionRequest> ExtensionsOfTicket(
      Transaction& tx, int64_t ticket_id, const std::string& ticket_number) override;

  const std::map<int64_t, Suspension>& suspensions() const { return data_.suspensions; }
  const std::map<int64_t, Extension>& extensions() const { return data_.extensions; }

  void Save() override { saved_ = data_; }
  void Restore() override { data_ = saved_; }

 private:
  struct Data {
    std::map<int64_t, Suspension> suspensions;
    std::map<int64_t, Extension> extensions;
    int64_t next_id = 1;
  };
  Data data_, saved_;
};

class FakeFollowUpStore final : public FollowUpStore, public ::hotline::testing::FakeState {
 public:
  int CountUnreachable(Transaction& tx, int64_t ticket_id) override {
    return ++attempts_[ticket_id];
  }
  void Save() override { saved_ = attempts_; }
  void Restore() override { attempts_ = saved_; }

 private:
  std::map<int64_t, int> attempts_, saved_;
};

}  // namespace hotline::supervision::testing
