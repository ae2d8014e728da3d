#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/transaction.h"

namespace hotline::intake {

// Where a page of the trail starts: strictly after this entry, newest first.
struct AuditCursor {
  absl::Time at;
  int64_t ticket_id = 0;
  std::string action;
  std::string actor;
};

// Which entries: tickets within `jurisdiction` (a region prefix, "" = all); the rest optional.
struct AuditFilter {
  std::string jurisdiction;
  std::string ticket_number;  // "" = any
  std::string actor;          // "" = anyone
  absl::Time from = absl::InfinitePast();
  absl::Time to = absl::InfiniteFuture();
};

struct AuditRow {
  hotline::intake::v1::AuditEntry entry;
  AuditCursor cursor;  // to continue after this row
};

// The audit trail of every service (the view hotline_audit_trail, deploy/migrations/0039).
class AuditTrailStore {
 public:
  virtual ~AuditTrailStore() = default;
  // Up to `limit` rows matching `filter`, newest first, after `after` when given.
  virtual std::vector<AuditRow> List(Transaction& tx, const AuditFilter& filter,
                                     const AuditCursor* after, int limit) const = 0;
};

class PgAuditTrailStore final : public AuditTrailStore {
 public:
  std::vector<AuditRow> List(Transaction& tx, const AuditFilter& filter, const AuditCursor* after,
                             int limit) const override;
};

}  // namespace hotline::intake
