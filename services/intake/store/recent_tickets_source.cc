#include "services/intake/store/recent_tickets_source.h"

#include <pqxx/result>

#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"

namespace hotline::intake {

constexpr char kFirstInWindow[] = R"sql(
SELECT coalesce(min(id), 0) FROM tickets
WHERE created_at >= 'epoch'::timestamptz + $1 * interval '1 microsecond')sql";

int64_t PgRecentTicketsSource::FirstSince(Transaction& tx, absl::Time since) const {
  return pg::Work(tx).exec_params1(kFirstInWindow, absl::ToUnixMicros(since))[0].as<int64_t>();
}

// What is new since the cursor and which late ids appeared; two halves, each on the primary key
// (an OR of the two conditions scans the whole index).
constexpr char kNewTickets[] = R"sql(
(SELECT id, state IN ('NOT_ACCEPTED', 'WITHDRAWN', 'MERGED'),
   (extract(epoch from created_at) * 1000000)::bigint
 FROM tickets WHERE id > $1 ORDER BY id LIMIT $3)
UNION ALL
(SELECT id, state IN ('NOT_ACCEPTED', 'WITHDRAWN', 'MERGED'),
   (extract(epoch from created_at) * 1000000)::bigint
 FROM tickets WHERE id = ANY($2::bigint[]) AND id <= $1))sql";

std::vector<SeenTicket> PgRecentTicketsSource::NewTickets(Transaction& tx, int64_t after,
                                                          const std::vector<int64_t>& late,
                                                          int limit) const {
  std::vector<SeenTicket> seen;
  for (const auto& r :
       pg::Work(tx).exec_params(kNewTickets, after, pg::IntArrayLiteral(late), limit)) {
    seen.push_back({r[0].as<int64_t>(), r[1].as<bool>(), absl::FromUnixMicros(r[2].as<int64_t>())});
  }
  return seen;
}

constexpr char kTicketDetails[] = R"sql(
SELECT id, number, coalesce(caller_phone, ''), region_code, category, content
FROM tickets WHERE id = ANY($1::bigint[]))sql";

std::vector<TicketSketch> PgRecentTicketsSource::Sketches(Transaction& tx,
                                                          const std::vector<int64_t>& ids) const {
  std::vector<TicketSketch> sketches;
  for (const auto& r : pg::Work(tx).exec_params(kTicketDetails, pg::IntArrayLiteral(ids))) {
    sketches.push_back({r[0].as<int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(),
                        r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>()});
  }
  return sketches;
}

}  // namespace hotline::intake
