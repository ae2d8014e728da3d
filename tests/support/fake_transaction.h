#pragma once

#include <vector>

#include "libs/common/transaction.h"

namespace hotline::testing {

// A fake store's state that a FakeTransactionRunner rolls back when a body fails, so use-case
// tests see "nothing half-written" the way PostgreSQL gives it.
class FakeState {
 public:
  virtual ~FakeState() = default;
  virtual void Save() = 0;     // remember the state at the start of a body
  virtual void Restore() = 0;  // go back to it
};

// Runs bodies at once, in memory: commits (keeps) what the tracked fakes did when the body returns
// OK and restores them otherwise. Counts what it ran, for tests that check a use case wrote in
// one transaction. It also stands for an AutocommitRunner, whose writers put every write in one
// statement, so a failed body has written nothing there either.
class FakeTransactionRunner final : public TransactionRunner, public AutocommitRunner {
 public:
  // The runner restores `state` after a failed body; `state` must outlive the runner.
  void Track(FakeState& state) { tracked_.push_back(&state); }

  absl::Status Run(absl::FunctionRef<absl::Status(Transaction&)> body) override {
    for (FakeState* s : tracked_) s->Save();
    Transaction tx;
    absl::Status status = body(tx);
    if (status.ok()) {
      ++commits_;
    } else {
      ++rollbacks_;
      for (FakeState* s : tracked_) s->Restore();
    }
    return status;
  }

  int commits() const { return commits_; }
  int rollbacks() const { return rollbacks_; }

 private:
  std::vector<FakeState*> tracked_;
  int commits_ = 0;
  int rollbacks_ = 0;
};

}  // namespace hotline::testing
