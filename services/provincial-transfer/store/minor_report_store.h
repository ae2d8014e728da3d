#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "libs/common/transaction.h"

namespace hotline::transfer {

// One queued push of a prefecture's month (transfer_minor_pushes). `figures` is a serialized
// hotline.transfer.v1.MinorMonthFigures.
struct MinorPush {
  int64_t id = 0;
  std::string month;
  std::string content_digest;
  std::string figures;
  int attempts = 0;
};

// One revision of a prefecture's month at the province (transfer_minor_reports).
struct MinorRevision {
  std::string prefecture_code;
  std::string month;
  int revision = 0;
  std::string content_digest;
  std::string figures;
  absl::Time received_at;
};

// What the province answers a push: the revision its content has, and whether it was there before.
struct StoredRevision {
  int revision = 0;
  bool duplicate = false;
};

// The monthly minor-protection figures: the prefecture's pushes and the province's revisions.
class MinorReportStore {
 public:
  virtual ~MinorReportStore() = default;

  // ---- The prefecture ----
  // Whether any push of `month` was queued (pending, delivered or dead).
  virtual bool HasPush(Transaction& tx, const std::string& month) const = 0;
  // Queues a push due at `now`; false when the same content of the month is already queued.
  virtual bool QueuePush(Transaction& tx, const MinorPush& push, absl::Time now) const = 0;
  // Pending pushes due by `now`, oldest first, locked (another replica skips them); at most
  // one per month (its oldest: a month's revisions go out in order).
  virtual std::vector<MinorPush> DuePushes(Transaction& tx, absl::Time now, int limit) const = 0;
  virtual void MarkPushed(Transaction& tx, int64_t id, int revision, absl::Time at) const = 0;
  virtual void MarkPushRetry(Transaction& tx, int64_t id, absl::Time next_attempt,
                             const std::string& error) const = 0;
  virtual void MarkPushDead(Transaction& tx, int64_t id, const std::string& error) const = 0;

  // ---- The province ----
  // Stores `revision`'s content as the prefecture's next revision of the month, unless that
  // content is already stored (then its revision, duplicate). Serialized per prefecture and month.
  virtual StoredRevision StoreRevision(Transaction& tx, const MinorRevision& revision) const = 0;
  // The latest revision of each prefecture's month, by prefecture code.
  virtual std::vector<MinorRevision> CurrentRevisions(Transaction& tx,
                                                      const std::string& month) const = 0;
};

}  // namespace hotline::transfer
