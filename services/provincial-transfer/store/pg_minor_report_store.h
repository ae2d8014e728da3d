#pragma once

#include "services/provincial-transfer/store/minor_report_store.h"

namespace hotline::transfer {

// MinorReportStore on PostgreSQL (0040_transfer_minor_reports.sql).
class PgMinorReportStore final : public MinorReportStore {
 public:
  bool HasPush(Transaction& tx, const std::string& month) const override;
  bool QueuePush(Transaction& tx, const MinorPush& push, absl::Time now) const override;
  std::vector<MinorPush> DuePushes(Transaction& tx, absl::Time now, int limit) const override;
  void MarkPushed(Transaction& tx, int64_t id, int revision, absl::Time at) const override;
  void MarkPushRetry(Transaction& tx, int64_t id, absl::Time next_attempt,
                     const std::string& error) const override;
  void MarkPushDead(Transaction& tx, int64_t id, const std::string& error) const override;
  StoredRevision StoreRevision(Transaction& tx, const MinorRevision& revision) const override;
  std::vector<MinorRevision> CurrentRevisions(Transaction& tx,
                                              const std::string& month) const override;
};

}  // namespace hotline::transfer
