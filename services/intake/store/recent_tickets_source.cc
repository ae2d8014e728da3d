#include "services/intake/store/recent_tickets_source.h"

#include <pqxx/binarystring>
#include <pqxx/result>
#include <stdexcept>

#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "libs/ticketstore/sealed_fields.h"

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

// The plain phone and content are those of rows written before sealing began.
constexpr char kTicketDetails[] = R"sql(
SELECT id, number, region_code, category, sealed, caller_phone, content
FROM tickets WHERE id = ANY($1::bigint[]))sql";

std::vector<TicketSketch> PgRecentTicketsSource::Sketches(Transaction& tx,
                                                          const std::vector<int64_t>& ids) const {
  std::vector<TicketSketch> sketches;
  for (const auto& r : pg::Work(tx).exec_params(kTicketDetails, pg::IntArrayLiteral(ids))) {
    hotline::common::v1::Ticket personal;
    const int64_t id = r[0].as<int64_t>();
    if (!r[4].is_null()) {
      const pqxx::binarystring sealed(r[4]);
      absl::Status opened = ticketstore::OpenTicketFields(
          cipher_, id, absl::string_view(sealed.get(), sealed.size()), personal);
      if (!opened.ok()) throw std::runtime_error(std::string(opened.message()));
    } else {
      personal.mutable_caller()->set_phone(r[5].as<std::string>());
      personal.set_content(r[6].as<std::string>());
    }
    sketches.push_back({id, r[1].as<std::string>(), personal.caller().phone(),
                        r[2].as<std::string>(), r[3].as<std::string>(), personal.content()});
  }
  return sketches;
}

}  // namespace hotline::intake
