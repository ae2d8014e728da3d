#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/transaction.h"

namespace hotline::intake {

// One unmasked read for the audit trail: which personal fields the reader saw, and on what
// ground (who, when and which ticket beside it).
struct UnmaskedRead {
  int64_t ticket_id = 0;
  absl::Time at;
  std::vector<std::string> fields;
  std::string reason;
};

// What intake keeps beside a ticket for GetTicket: the emergency lines it was referred to
// (written by the submission writer), and the audit of unmasked reads (知悉范围).
class TicketRecordsStore {
 public:
  virtual ~TicketRecordsStore() = default;

  // Ascending.
  virtual std::vector<hotline::intake::v1::EmergencyLine> ReferralLines(
      Transaction& tx, int64_t ticket_id) const = 0;
  // `reader` read a ticket unmasked (intake_audit_reads, append-only).
  virtual void AuditRead(Transaction& tx, const hotline::common::v1::Actor& reader,
                         const UnmaskedRead& read) const = 0;
};

// On PostgreSQL: intake_emergency_referrals, intake_audit_reads.
class PgTicketRecordsStore final : public TicketRecordsStore {
 public:
  std::vector<hotline::intake::v1::EmergencyLine> ReferralLines(Transaction& tx,
                                                                int64_t ticket_id) const override;
  void AuditRead(Transaction& tx, const hotline::common::v1::Actor& reader,
                 const UnmaskedRead& read) const override;
};

}  // namespace hotline::intake
