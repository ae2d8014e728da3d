#pragma once

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "libs/common/transaction.h"

namespace hotline::routing {

// A unit's read of the ticket behind its assignment.
struct AuditedRead {
  absl::Time at;
  int64_t ticket_id = 0;
  int64_t assignment_id = 0;
  std::string principal;
  bool caller_withheld = false;
};

// The audit of units' reads (routing_audit_reads).
class AuditStore {
 public:
  virtual ~AuditStore() = default;
  virtual void RecordRead(Transaction& tx, const AuditedRead& read) const = 0;
};

class PgAuditStore final : public AuditStore {
 public:
  void RecordRead(Transaction& tx, const AuditedRead& read) const override;
};

}  // namespace hotline::routing
