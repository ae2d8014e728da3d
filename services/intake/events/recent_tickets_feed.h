#pragma once

#include <cstdint>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/intake/app/recent_tickets.h"
#include "services/intake/store/recent_tickets_source.h"

namespace hotline::intake {

struct RecentTicketsFeedOptions {
  // How often tickets written by other replicas are read in.
  absl::Duration poll_every = absl::Milliseconds(250);
  // How long an id skipped by the sequence is looked for: a transaction still open when its
  // neighbours were read commits within the statement timeout, or never.
  absl::Duration gap_patience = absl::Seconds(30);
  int batch = 5000;  // rows per read
};

// Keeps RecentTickets filled: the duplicate window's tickets at start, then every ticket any
// replica writes, read in by id order. Ids the sequence handed out but not yet visible (their
// transaction was still open) are looked for again until gap_patience passes. This replica's own
// submissions are added as they are written (SubmitContext), so they are found at once; other
// replicas' within poll_every.
class RecentTicketsFeed {
 public:
  RecentTicketsFeed(TransactionRunner& transactions, const RecentTicketsSource& source,
                    RecentTickets& recent, const Clock& clock, absl::Duration window,
                    RecentTicketsFeedOptions options = {});
  ~RecentTicketsFeed();  // stops the thread

  // Reads the window's tickets. Call once, before serving.
  absl::Status Load();
  // Polls on a thread of its own until destroyed.
  void Start();
  // One read of what is new; returns how many tickets were added.
  absl::StatusOr<int> PollOnce();

 private:
  void Loop();

  TransactionRunner& transactions_;
  const RecentTicketsSource& source_;
  RecentTickets& recent_;
  const Clock& clock_;
  const absl::Duration window_;
  const RecentTicketsFeedOptions options_;

  int64_t cursor_ = 0;  // every id up to here was read or is in missing_
  absl::flat_hash_map<int64_t, absl::Time> missing_;  // id → when first skipped
  absl::Time next_expiry_ = absl::InfinitePast();

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace hotline::intake
