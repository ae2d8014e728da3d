#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <deque>
#include <memory>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/intake/app/catalogue.h"
#include "services/intake/app/identity_stock.h"
#include "services/intake/app/knowledge_base.h"
#include "services/intake/app/submit_batch.h"

namespace hotline::intake {

// SubmitTicket: validation, idempotency, acceptance scope, emergency referral, direct answers,
// duplicate detection — the ticket, its events and intake's own rows in one transaction.
//
// Group commit: what needs no database (validation, scope rules) runs in the caller's thread;
// the submission then joins a queue that up to `writers` threads drain, each writing everything
// queued so far (up to `max_batch`) with one statement, a transaction by itself (submit_batch.h),
// through `writes` (in production autocommit on connections of their own, one per writer). The
// first writer takes whatever waits; writer n joins in only while n * kJoinQueue submissions wait,
// or once the oldest has waited n * kJoinAfter. So one writer serves a moderate load, in batches of
// what arrived during its last write, rather than several writers each committing a submission or
// two: a transaction costs PostgreSQL about as much for one submission as for several. Under
// heavy load the queue grows and the others join; a write stuck on a lock holds up only its
// own batch. No caller waits for a batch: the writer hands each submission's result to its
// `Done`.
class SubmitTicket {
 public:
  using Done = absl::AnyInvocable<void(absl::StatusOr<SubmitResult>)>;

  // `registry` (nullable) gets hotline_intake_submissions_total{decision} (the scope decision, or
  // "replayed" for a repeated idempotency key), hotline_intake_write_batch_size,
  // hotline_intake_write_batches_total{lookup} ("read": the batch read before it wrote; "skipped"),
  // and where a submission's time goes: hotline_intake_submit_queue_seconds (waiting for a writer)
  // and hotline_intake_write_seconds (a batch's round trips to PostgreSQL, its commit included);
  // hotline_intake_submit_queue_length, and hotline_intake_submit_queue_full_total (submissions
  // refused because `max_queue` waited already).
  SubmitTicket(AutocommitRunner& writes, const SubmissionStore& store, Catalogue& catalogue,
               const KnowledgeStore& knowledge, RecentTickets& recent, const Clock& clock,
               SubmitOptions options, int writers = 2, int max_batch = 64,
               prometheus::Registry* registry = nullptr, int max_queue = 5000);
  // Writes what is queued (calling every `done`), then stops the writers.
  ~SubmitTicket();

  // Submits `command` for `actor` and calls `done` exactly once with the result: in the
  // calling thread when refused before writing (invalid fields; UNAVAILABLE when shutting down
  // or when `max_queue` submissions wait already, so a stalled database costs memory only up to
  // a bound and callers hear at once that they should retry), otherwise
  // in a writer thread once its batch committed or failed. Never blocks on the database, so a
  // gRPC callback thread may call it.
  void Start(const hotline::common::v1::Actor& actor, SubmitCommand command, Done done);

 private:
  struct Job {
    Submission submission;
    Done done;
    // Whether validated and decided; if not, the catalogue had expired and a writer does it.
    bool prepared = false;
    absl::Time queued;
  };
  static constexpr int kJoinQueue = 8;
  // Far beyond a healthy write, even on a loaded machine (p99.9 under 100 ms on the bench's), so
  // that the others join for a stuck write only: joining in a machine's stall would add
  // transactions when the cores have least to spare.
  static constexpr absl::Duration kJoinAfter = absl::Milliseconds(250);
  void Writer(int index);
  // Validates and decides `s` against `catalogue`; an error refuses the submission.
  absl::Status Prepare(const CatalogueSnapshot& catalogue, Submission& s) const;
  void Write(const std::vector<Submission*>& batch, IdentityStock& stock);
  void Count(const Submission& submission);

  AutocommitRunner& writes_;
  Catalogue& catalogue_;
  const SubmitOptions options_;
  const SubmitContext context_;
  const int max_batch_;
  const size_t max_queue_;

  absl::Mutex mu_;
  std::deque<std::unique_ptr<Job>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> writers_;

  prometheus::Family<prometheus::Counter>* submissions_ = nullptr;
  prometheus::Histogram* batch_sizes_ = nullptr;
  prometheus::Histogram* queue_waits_ = nullptr;
  prometheus::Histogram* write_times_ = nullptr;
  prometheus::Counter* looked_up_ = nullptr;
  prometheus::Counter* from_stock_ = nullptr;
  prometheus::Gauge* queue_length_ = nullptr;
  prometheus::Counter* queue_full_ = nullptr;
};

}  // namespace hotline::intake
