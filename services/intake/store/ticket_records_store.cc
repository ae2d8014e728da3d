#include "services/intake/store/ticket_records_store.h"

#include <pqxx/result>

#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;

constexpr char kSelectReferrals[] =
    "SELECT line FROM intake_emergency_referrals WHERE ticket_id = $1 ORDER BY line";

std::vector<v1::EmergencyLine> PgTicketRecordsStore::ReferralLines(Transaction& tx,
                                                                   int64_t ticket_id) const {
  std::vector<v1::EmergencyLine> lines;
  for (const auto& row : pg::Work(tx).exec_params(kSelectReferrals, ticket_id)) {
    lines.push_back(static_cast<v1::EmergencyLine>(row[0].as<int>()));
  }
  return lines;
}

constexpr char kInsertAudit[] = R"sql(
INSERT INTO intake_audit_reads (read_at, ticket_id, principal, role, method, fields, reason)
VALUES ('epoch'::timestamptz + $1 * interval '1 microsecond', $2, $3, $4, 'GetTicket',
        $5::text[], $6))sql";

void PgTicketRecordsStore::AuditRead(Transaction& tx, const hotline::common::v1::Actor& reader,
                                     const UnmaskedRead& read) const {
  pg::Work(tx).exec_params(kInsertAudit, absl::ToUnixMicros(read.at), read.ticket_id,
                           reader.principal(), static_cast<int>(reader.role()),
                           pg::TextArrayLiteral(read.fields), read.reason);
}

}  // namespace hotline::intake
