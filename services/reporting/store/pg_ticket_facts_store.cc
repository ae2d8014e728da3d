#include <limits>
#include <pqxx/result>
#include <pqxx/row>

#include "libs/pg/pg_array.h"
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

#define HOTLINE_FACTS_COLUMNS                                                                   \
  "last_version, region_code, unit_id, category, kind, channel, line, involves_minor, state, "  \
  "counted_open, dispatched, lead_assignment_id, sign_due_us, sign_late, handling_started_us, " \
  "handling_due_us, handling_late, replied_us"

constexpr char kLockFacts[] =
    "SELECT " HOTLINE_FACTS_COLUMNS " FROM reporting_tickets WHERE ticket_id = $1 FOR UPDATE";
// In ticket order, so two readers locking overlapping sets cannot deadlock.
constexpr char kLockManyFacts[] = "SELECT " HOTLINE_FACTS_COLUMNS
                                  ", ticket_id FROM reporting_tickets WHERE ticket_id = "
                                  "ANY($1::bigint[]) ORDER BY ticket_id FOR UPDATE";

namespace {

// The columns of HOTLINE_FACTS_COLUMNS, from the row's first field on.
TicketFacts FactsOf(int64_t ticket_id, const pqxx::row& r) {
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

}  // namespace

std::optional<TicketFacts> PgTicketFactsStore::Lock(Transaction& tx, int64_t ticket_id) {
  const pqxx::result rows = pg::Work(tx).exec_params(kLockFacts, ticket_id);
  if (rows.empty()) return std::nullopt;
  return FactsOf(ticket_id, rows[0]);
}

absl::flat_hash_map<int64_t, TicketFacts> PgTicketFactsStore::LockMany(
    Transaction& tx, const std::vector<int64_t>& ticket_ids) {
  absl::flat_hash_map<int64_t, TicketFacts> found;
  if (ticket_ids.empty()) return found;
  for (const pqxx::row& r :
       pg::Work(tx).exec_params(kLockManyFacts, pg::IntArrayLiteral(ticket_ids))) {
    const int64_t id = r[18].as<int64_t>();
    found.emplace(id, FactsOf(id, r));
  }
  return found;
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

// The same upsert for many rows; an absent time travels as kNoTime.
constexpr int64_t kNoTime = std::numeric_limits<int64_t>::min();
constexpr char kSaveManyFacts[] = R"sql(
INSERT INTO reporting_tickets (ticket_id, last_version, region_code, unit_id, category, kind,
  channel, line, involves_minor, state, counted_open, dispatched, lead_assignment_id, sign_due_us,
  sign_late, handling_started_us, handling_due_us, handling_late, replied_us)
SELECT t, v, r, u, c, k, ch, l, m, s, o, d, a, NULLIF(sd, $20), sl, NULLIF(hs, $20),
  NULLIF(hd, $20), hl, NULLIF(rp, $20)
FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[],
  $8::int[], $9::boolean[], $10::int[], $11::boolean[], $12::boolean[], $13::bigint[],
  $14::bigint[], $15::boolean[], $16::bigint[], $17::bigint[], $18::boolean[], $19::bigint[])
  AS f(t, v, r, u, c, k, ch, l, m, s, o, d, a, sd, sl, hs, hd, hl, rp)
ON CONFLICT (ticket_id) DO UPDATE SET last_version = EXCLUDED.last_version,
  region_code = EXCLUDED.region_code, unit_id = EXCLUDED.unit_id, category = EXCLUDED.category,
  kind = EXCLUDED.kind, channel = EXCLUDED.channel, line = EXCLUDED.line,
  involves_minor = EXCLUDED.involves_minor, state = EXCLUDED.state,
  counted_open = EXCLUDED.counted_open, dispatched = EXCLUDED.dispatched,
  lead_assignment_id = EXCLUDED.lead_assignment_id, sign_due_us = EXCLUDED.sign_due_us,
  sign_late = EXCLUDED.sign_late, handling_started_us = EXCLUDED.handling_started_us,
  handling_due_us = EXCLUDED.handling_due_us, handling_late = EXCLUDED.handling_late,
  replied_us = EXCLUDED.replied_us)sql";

void PgTicketFactsStore::SaveMany(Transaction& tx, const std::vector<TicketFacts>& facts) {
  if (facts.empty()) return;
  std::vector<int64_t> ids, versions, kinds, channels, lines, states, leads, sign_due, started, due,
      replied;
  std::vector<std::string> regions, units, categories;
  std::vector<bool> minors, open, dispatched, sign_late, late;
  const auto at = [](const std::optional<absl::Time>& t) {
    return t ? absl::ToUnixMicros(*t) : kNoTime;
  };
  for (const TicketFacts& f : facts) {
    ids.push_back(f.ticket_id);
    versions.push_back(f.last_version);
    regions.push_back(f.dims.region_code);
    units.push_back(f.dims.unit_id);
    categories.push_back(f.dims.category);
    kinds.push_back(f.dims.kind);
    channels.push_back(f.dims.channel);
    lines.push_back(f.dims.line);
    minors.push_back(f.dims.involves_minor);
    states.push_back(static_cast<int>(f.state));
    open.push_back(f.counted_open);
    dispatched.push_back(f.dispatched);
    leads.push_back(f.lead_assignment_id);
    sign_due.push_back(at(f.sign_due));
    sign_late.push_back(f.sign_late);
    started.push_back(at(f.handling_started));
    due.push_back(at(f.handling_due));
    late.push_back(f.handling_late);
    replied.push_back(at(f.replied));
  }
  using pg::BoolArrayLiteral;
  using pg::IntArrayLiteral;
  using pg::TextArrayLiteral;
  pg::Work(tx).exec_params0(
      kSaveManyFacts, IntArrayLiteral(ids), IntArrayLiteral(versions), TextArrayLiteral(regions),
      TextArrayLiteral(units), TextArrayLiteral(categories), IntArrayLiteral(kinds),
      IntArrayLiteral(channels), IntArrayLiteral(lines), BoolArrayLiteral(minors),
      IntArrayLiteral(states), BoolArrayLiteral(open), BoolArrayLiteral(dispatched),
      IntArrayLiteral(leads), IntArrayLiteral(sign_due), BoolArrayLiteral(sign_late),
      IntArrayLiteral(started), IntArrayLiteral(due), BoolArrayLiteral(late),
      IntArrayLiteral(replied), kNoTime);
}

}  // namespace hotline::reporting
