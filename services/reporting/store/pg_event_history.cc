#include <pqxx/binarystring>
#include <pqxx/result>
#include <pqxx/row>

#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "services/reporting/store/pg_stores.h"

namespace hotline::reporting {

namespace {

absl::StatusOr<std::vector<hotline::common::v1::EventEnvelope>> Envelopes(
    const pqxx::result& rows) {
  std::vector<hotline::common::v1::EventEnvelope> events(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const pqxx::binarystring bytes(rows[i][0]);
    if (!events[i].ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
      return absl::InternalError("a stored event envelope does not parse");
    }
  }
  return events;
}

}  // namespace

constexpr char kEventsAfter[] = R"sql(
SELECT envelope FROM ticket_events WHERE (ticket_id, ticket_version) > ($1, $2)
ORDER BY ticket_id, ticket_version LIMIT $3)sql";

absl::StatusOr<std::vector<hotline::common::v1::EventEnvelope>> PgEventHistory::After(
    Transaction& tx, int64_t ticket_id, int64_t ticket_version, int limit) {
  return Envelopes(pg::Work(tx).exec_params(kEventsAfter, ticket_id, ticket_version, limit));
}

constexpr char kEventsOfTicket[] = R"sql(
SELECT envelope FROM ticket_events
WHERE ticket_id = $1 AND occurred_at < 'epoch'::timestamptz + $2 * interval '1 microsecond'
ORDER BY ticket_version)sql";

absl::StatusOr<std::vector<hotline::common::v1::EventEnvelope>> PgEventHistory::OfTicket(
    Transaction& tx, int64_t ticket_id, absl::Time before) {
  return Envelopes(
      pg::Work(tx).exec_params(kEventsOfTicket, ticket_id, absl::ToUnixMicros(before)));
}

constexpr char kNewestEvent[] = R"sql(
SELECT (extract(epoch from max(occurred_at)) * 1000000)::bigint FROM ticket_events
WHERE type = ANY ($1::text[]))sql";

std::optional<absl::Time> PgEventHistory::NewestEventAt(Transaction& tx,
                                                        const std::vector<std::string>& types) {
  const pqxx::result rows = pg::Work(tx).exec_params(kNewestEvent, pg::TextArrayLiteral(types));
  if (rows.empty() || rows[0][0].is_null()) return std::nullopt;
  return absl::FromUnixMicros(rows[0][0].as<int64_t>());
}

}  // namespace hotline::reporting
