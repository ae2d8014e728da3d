#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "services/intake/store/submission_store.h"
#include "tests/support/fake_ticket_store.h"
#include "tests/support/fake_transaction.h"

namespace hotline::intake::testing {

// The submission writers' store in memory. Tickets go to a FakeTicketStore (with its own ids and
// numbers; the identities handed in are only counted); keys, answers, referrals and links are kept
// here. Track both with the runner, so a failed or raced write leaves nothing behind.
class FakeSubmissionStore final : public SubmissionStore, public hotline::testing::FakeState {
 public:
  struct Answer {
    std::string fingerprint;
    int64_t ticket_id;
    SubmitResult result;
  };
  struct Data {
    std::map<std::string, Answer> answers;               // this store's writes, by idempotency key
    std::vector<std::pair<int64_t, int64_t>> referrals;  // ticket, line
    std::vector<std::pair<int64_t, DuplicateMatch>> links;
    int64_t next_identity = 1;
  };

  explicit FakeSubmissionStore(hotline::testing::FakeTicketStore& tickets) : tickets_(tickets) {}

  // A request stored by another writer, committed before this one looks: no rollback of this
  // one's undoes it.
  void StoreElsewhere(const std::string& key, Answer answer) {
    elsewhere_[key] = std::move(answer);
  }
  // The same, but committed after the next look-up and before the write, as in a race: that
  // write then fails with IdempotencyRace().
  void StoreBehindLookUp(const std::string& key, Answer answer) {
    behind_[key] = std::move(answer);
  }

  const Data& data() const { return data_; }
  int lookups() const { return lookups_; }
  int writes() const { return writes_; }

  std::string ServiceDay(absl::Time at) const override;
  BatchLookup LookUp(Transaction& tx, const std::vector<std::string>& keys,
                     const std::vector<int64_t>& candidates, absl::Time now) const override;
  std::unique_ptr<SubmissionWrite> StartWrite(Transaction& tx) const override;
  absl::flat_hash_map<std::string, StoredAnswer> StoredAnswers(
      Transaction& tx, const std::vector<std::string>& keys) const override;

  void Save() override { saved_ = data_; }
  void Restore() override { data_ = saved_; }

 private:
  friend class FakeSubmissionWrite;
  std::vector<ticketstore::TicketIdentity> Draw(int count) const;
  const Answer* Find(const std::string& key) const;

  hotline::testing::FakeTicketStore& tickets_;
  mutable Data data_;
  Data saved_;
  mutable std::map<std::string, Answer> elsewhere_, behind_;
  mutable int lookups_ = 0;
  mutable int writes_ = 0;
};

}  // namespace hotline::intake::testing
