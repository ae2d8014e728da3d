#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hotline/common/v1/auth.pb.h"
#include "libs/common/transaction.h"

namespace hotline::routing {

// A unit's read of the ticket behind its assignment.
struct AuditedRead {
  absl::Time at;
  int64_t ticket_id = 0;
  int64_t assignment_id = 0;
  std::string principal;
  bool caller_withheld = false;
  int64_t grant_id = 0;             // the office's grant that showed a minor's details; 0 = none
  std::vector<std::string> fields;  // the personal fields shown ("caller.phone", "address", …)
};

enum class GrantAction { kGrant, kRevoke };

// The hotline office granting or revoking a unit's sight of a minor's details (minor_grants.h).
struct AuditedGrant {
  absl::Time at;
  int64_t grant_id = 0;
  int64_t ticket_id = 0;
  std::string unit_id;
  std::string principal;  // who granted or revoked
  hotline::common::v1::Role role = hotline::common::v1::ROLE_UNSPECIFIED;
  GrantAction action = GrantAction::kGrant;
  std::string reason;
  absl::Time expires_at;
};

// The audit trail of routing: units' reads (routing_audit_reads) and the office's grants
// (routing_audit_grants). Rows are only ever added.
class AuditStore {
 public:
  virtual ~AuditStore() = default;
  virtual void RecordRead(Transaction& tx, const AuditedRead& read) const = 0;
  virtual void RecordGrant(Transaction& tx, const AuditedGrant& grant) const = 0;
};

class PgAuditStore final : public AuditStore {
 public:
  void RecordRead(Transaction& tx, const AuditedRead& read) const override;
  void RecordGrant(Transaction& tx, const AuditedGrant& grant) const override;
};

}  // namespace hotline::routing
