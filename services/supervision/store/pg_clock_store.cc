#include "services/supervision/store/pg_clock_store.h"

#include <pqxx/result>
#include <pqxx/row>

#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"

namespace hotline::supervision {
namespace {

// The select list every read of a clock uses, joined to each statement at compile time so that
// every statement stays one constant.
#define SUPERVISION_CLOCK_COLUMNS                                                               \
  " id, ticket_id, ticket_number, kind, assignment_id, unit_id, superior_unit_id, region_code," \
  " policy_id, calendar, limit_unit, limit_amount, warning_point, state,"                       \
  " (extract(epoch from started_at) * 1000000)::bigint,"                                        \
  " (extract(epoch from due_at) * 1000000)::bigint,"                                            \
  " (extract(epoch from warn_at) * 1000000)::bigint,"                                           \
  " (extract(epoch from paused_since) * 1000000)::bigint,"                                      \
  " paused_us, extensions, last_step,"                                                          \
  " (extract(epoch from next_fire_at) * 1000000)::bigint "

absl::Time At(const pqxx::field& f) { return absl::FromUnixMicros(f.as<int64_t>()); }
std::optional<absl::Time> MaybeAt(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return At(f);
}
std::optional<int64_t> Micros(const std::optional<absl::Time>& t) {
  if (!t) return std::nullopt;
  return absl::ToUnixMicros(*t);
}

ClockRow FromRow(const pqxx::row& r) {
  ClockRow c;
  c.id = r[0].as<int64_t>();
  c.ticket_id = r[1].as<int64_t>();
  c.ticket_number = r[2].c_str();
  c.kind = static_cast<ClockKind>(r[3].as<int>());
  c.assignment_id = r[4].as<int64_t>();
  c.unit_id = r[5].c_str();
  c.superior_unit_id = r[6].c_str();
  c.region_code = r[7].c_str();
  c.policy_id = r[8].as<int64_t>();
  c.calendar = r[9].c_str();
  c.limit = {static_cast<LimitUnit>(r[10].as<int>()), r[11].as<double>()};
  c.warning_point = r[12].as<double>();
  c.state = static_cast<ClockState>(r[13].as<int>());
  c.started_at = At(r[14]);
  c.due_at = At(r[15]);
  c.warn_at = MaybeAt(r[16]);
  c.paused_since = MaybeAt(r[17]);
  c.paused = absl::Microseconds(r[18].as<int64_t>());
  c.extensions = r[19].as<int>();
  c.last_step = static_cast<Step>(r[20].as<int>());
  c.next_fire_at = MaybeAt(r[21]);
  return c;
}

std::vector<ClockRow> Rows(const pqxx::result& result) {
  std::vector<ClockRow> out;
  out.reserve(result.size());
  for (const pqxx::row& r : result) out.push_back(FromRow(r));
  return out;
}

// '{1,NULL,3}': libpqxx 6 binds no arrays, and pg::IntArrayLiteral has no NULLs.
std::string OptionalIntArray(const std::vector<std::optional<int64_t>>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += values[i] ? std::to_string(*values[i]) : "NULL";
  }
  return out + "}";
}

}  // namespace

constexpr char kInsertClock[] = R"sql(
INSERT INTO supervision_clocks (ticket_id, ticket_number, kind, assignment_id, unit_id,
  superior_unit_id, region_code, policy_id, calendar, limit_unit, limit_amount, warning_point,
  state, started_at, due_at, warn_at, last_step, next_fire_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
  'epoch'::timestamptz + $14 * interval '1 microsecond',
  'epoch'::timestamptz + $15 * interval '1 microsecond',
  'epoch'::timestamptz + $16 * interval '1 microsecond', $17,
  'epoch'::timestamptz + $18 * interval '1 microsecond')
ON CONFLICT (ticket_id, kind, assignment_id) WHERE state <> 3 DO NOTHING
RETURNING)sql" SUPERVISION_CLOCK_COLUMNS;

std::optional<ClockRow> PgClockStore::Insert(Transaction& tx, const ClockRow& c) {
  const pqxx::result rows = pg::Prepared(
      pg::Work(tx), kInsertClock, c.ticket_id, c.ticket_number, static_cast<int>(c.kind),
      c.assignment_id, c.unit_id, c.superior_unit_id, c.region_code, c.policy_id, c.calendar,
      static_cast<int>(c.limit.unit), c.limit.amount, c.warning_point, static_cast<int>(c.state),
      absl::ToUnixMicros(c.started_at), absl::ToUnixMicros(c.due_at), Micros(c.warn_at),
      static_cast<int>(c.last_step), Micros(c.next_fire_at));
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

// One statement for a whole sweep batch: a row at a time cost most of a sweep.
constexpr char kSaveClocks[] = R"sql(
UPDATE supervision_clocks c SET state = u.state, unit_id = u.unit_id,
  superior_unit_id = u.superior_unit_id,
  due_at = 'epoch'::timestamptz + u.due * interval '1 microsecond',
  warn_at = 'epoch'::timestamptz + u.warn * interval '1 microsecond',
  paused_since = 'epoch'::timestamptz + u.paused_since * interval '1 microsecond',
  paused_us = u.paused_us, extensions = u.extensions, last_step = u.last_step,
  next_fire_at = 'epoch'::timestamptz + u.next_fire * interval '1 microsecond',
  stopped_at = CASE WHEN u.state = 3 THEN coalesce(c.stopped_at, now()) END
FROM unnest($1::bigint[], $2::smallint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[],
            $7::bigint[], $8::bigint[], $9::int[], $10::smallint[], $11::bigint[])
  AS u(id, state, unit_id, superior_unit_id, due, warn, paused_since, paused_us, extensions,
       last_step, next_fire)
WHERE c.id = u.id)sql";

void PgClockStore::SaveMany(Transaction& tx, const std::vector<ClockRow>& clocks) {
  if (clocks.empty()) return;
  std::vector<int64_t> ids, states, paused_us, extensions, steps;
  std::vector<std::string> units, superiors;
  std::vector<std::optional<int64_t>> due, warn, paused_since, next_fire;
  for (const ClockRow& c : clocks) {
    ids.push_back(c.id);
    states.push_back(static_cast<int>(c.state));
    units.push_back(c.unit_id);
    superiors.push_back(c.superior_unit_id);
    due.push_back(absl::ToUnixMicros(c.due_at));
    warn.push_back(Micros(c.warn_at));
    paused_since.push_back(Micros(c.paused_since));
    paused_us.push_back(absl::ToInt64Microseconds(c.paused));
    extensions.push_back(c.extensions);
    steps.push_back(static_cast<int>(c.last_step));
    next_fire.push_back(Micros(c.next_fire_at));
  }
  pg::Prepared(pg::Work(tx), kSaveClocks, pg::IntArrayLiteral(ids), pg::IntArrayLiteral(states),
               pg::TextArrayLiteral(units), pg::TextArrayLiteral(superiors), OptionalIntArray(due),
               OptionalIntArray(warn), OptionalIntArray(paused_since),
               pg::IntArrayLiteral(paused_us), pg::IntArrayLiteral(extensions),
               pg::IntArrayLiteral(steps), OptionalIntArray(next_fire));
}

constexpr char kLiveClocks[] =
    "SELECT" SUPERVISION_CLOCK_COLUMNS
    "FROM supervision_clocks WHERE ticket_id = $1 AND state <> 3 ORDER BY id FOR UPDATE";

std::vector<ClockRow> PgClockStore::Live(Transaction& tx, int64_t ticket_id) {
  return Rows(pg::Prepared(pg::Work(tx), kLiveClocks, ticket_id));
}

constexpr char kClocksOfTicket[] = "SELECT" SUPERVISION_CLOCK_COLUMNS
                                   "FROM supervision_clocks WHERE ticket_id = $1 ORDER BY id DESC";

std::vector<ClockRow> PgClockStore::OfTicket(Transaction& tx, int64_t ticket_id) {
  return Rows(pg::Prepared(pg::Work(tx), kClocksOfTicket, ticket_id));
}

constexpr char kClaimDue[] = "SELECT" SUPERVISION_CLOCK_COLUMNS R"sql(FROM supervision_clocks
WHERE state = 1 AND next_fire_at IS NOT NULL
  AND next_fire_at <= 'epoch'::timestamptz + $1 * interval '1 microsecond'
ORDER BY next_fire_at LIMIT $2 FOR UPDATE SKIP LOCKED)sql";

std::vector<ClockRow> PgClockStore::ClaimDue(Transaction& tx, absl::Time now, int limit) {
  return Rows(pg::Prepared(pg::Work(tx), kClaimDue, absl::ToUnixMicros(now), limit));
}

// Not prepared: the best plan depends on the region and the window.
constexpr char kOpenClocks[] = "SELECT" SUPERVISION_CLOCK_COLUMNS R"sql(FROM supervision_clocks
WHERE state = 1 AND region_code LIKE $1::text || '%'
  AND due_at >= 'epoch'::timestamptz + $2::bigint * interval '1 microsecond'
  AND due_at < 'epoch'::timestamptz + $3::bigint * interval '1 microsecond'
  AND ($4::int = 0 OR kind = $4::int)
  AND ($5::bool OR (due_at, id) > ('epoch'::timestamptz + $6::bigint * interval '1 microsecond', $7::bigint))
ORDER BY due_at, id LIMIT $8)sql";

std::vector<ClockRow> PgClockStore::Open(Transaction& tx, const std::string& region_prefix,
                                         const ClockPage& page) {
  const auto after = page.after.value_or(std::make_pair(absl::InfinitePast(), int64_t{0}));
  return Rows(pg::Work(tx).exec_params(
      kOpenClocks, region_prefix, absl::ToUnixMicros(page.from), absl::ToUnixMicros(page.until),
      page.kind, !page.after.has_value(), page.after ? absl::ToUnixMicros(after.first) : 0,
      after.second, page.limit));
}

#undef SUPERVISION_CLOCK_COLUMNS

}  // namespace hotline::supervision
