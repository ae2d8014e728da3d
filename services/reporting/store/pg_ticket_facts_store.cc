#include <pqxx/result>
#include <pqxx/row>

#include "libs/pg/pg_transaction.h"
#include "services/reporting/store/pg_stores.h"

namespace hotline::reporting {
namespace {

std::optional<absl::Time> MaybeAt(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return absl::FromUnixMicros(f.as<int64_t>());
}

std::optional<int64_t> Micros(const std::optional<absl::Time>& t) {
  if (!t) return std::nullopt;
  return absl::ToUnixMicros(*t);
}

}  // namespace

constexpr char kLockFacts[] = R"sql(
SELECT last_version, region_code, unit_id, category, kind, channel, line, involves_minor, state,
  counted_open, dispatched, lead_assignment_id, sign_due_us, sign_late, handling_started_us,
  handling_due_us, handling_late, replied_us
FROM reporting_tickets WHERE ticket_id = $1 FOR UPDATE)sql";

std::optional<TicketFacts> PgTicketFactsStore::Lock(Transaction& tx, int64_t ticket_id) {
  const pqxx::result rows = pg::Work(tx).exec_params(kLockFacts, ticket_id);
  if (rows.empty()) return std::nullopt;
  const pqxx::row r = rows[0];
  TicketFacts f;
  f.ticket_id = ticket_id;
  f.last_version = r[0].as<int64_t>();
  f.dims.region_code = r[1].c_str();
  f.dims.unit_id = r[2].c_str();
  f.dims.category = r[3].c_str();
  f.dims.kind = r[4].as<int>();
  f.dims.channel = r[5].as<int>();
  f.dims.line = r[6].as<int>();
  f.dims.involves_minor = r[7].as<bool>();
  f.state = static_cast<hotline::common::v1::TicketState>(r[8].as<int>());
  f.counted_open = r[9].as<bool>();
  f.dispatched = r[10].as<bool>();
  f.lead_assignment_id = r[11].as<int64_t>();
  f.sign_due = MaybeAt(r[12]);
  f.sign_late = r[13].as<bool>();
  f.handling_started = MaybeAt(r[14]);
  f.handling_due = MaybeAt(r[15]);
  f.handling_late = r[16].as<bool>();
  f.replied = MaybeAt(r[17]);
  return f;
}

constexpr char kSaveFacts[] = R"sql(
INSERT INTO reporting_tickets (ticket_id, last_version, region_code, unit_id, category, kind,
  channel, line, involves_minor, state, counted_open, dispatched, lead_assignment_id, sign_due_us,
  sign_late, handling_started_us, handling_due_us, handling_late, replied_us)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
ON CONFLICT (ticket_id) DO UPDATE SET last_version = EXCLUDED.last_version,
  region_code = EXCLUDED.region_code, unit_id = EXCLUDED.unit_id, category = EXCLUDED.category,
  kind = EXCLUDED.kind, channel = EXCLUDED.channel, line = EXCLUDED.line,
  involves_minor = EXCLUDED.involves_minor, state = EXCLUDED.state,
  counted_open = EXCLUDED.counted_open, dispatched = EXCLUDED.dispatched,
  lead_assignment_id = EXCLUDED.lead_assignment_id, sign_due_us = EXCLUDED.sign_due_us,
  sign_late = EXCLUDED.sign_late, handling_started_us = EXCLUDED.handling_started_us,
  handling_due_us = EXCLUDED.handling_due_us, handling_late = EXCLUDED.handling_late,
  replied_us = EXCLUDED.replied_us)sql";

void PgTicketFactsStore::Save(Transaction& tx, const TicketFacts& f) {
  pg::Work(tx).exec_params0(
      kSaveFacts, f.ticket_id, f.last_version, f.dims.region_code, f.dims.unit_id, f.dims.category,
      f.dims.kind, f.dims.channel, f.dims.line, f.dims.involves_minor, static_cast<int>(f.state),
      f.counted_open, f.dispatched, f.lead_assignment_id, Micros(f.sign_due), f.sign_late,
      Micros(f.handling_started), Micros(f.handling_due), f.handling_late, Micros(f.replied));
}

}  // namespace hotline::reporting
