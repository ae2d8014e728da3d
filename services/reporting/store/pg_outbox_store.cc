#include "services/reporting/store/pg_outbox_store.h"

#include <pqxx/result>

#include "libs/pg/pg_transaction.h"

namespace hotline::reporting {

constexpr char kOutboxBacklog[] = R"sql(
SELECT count(*), (extract(epoch from min(occurred_at)) * 1000000)::bigint FROM outbox_pending)sql";

OutboxBacklog PgOutboxStore::Backlog(Transaction& tx) {
  const pqxx::result rows = pg::Work(tx).exec(kOutboxBacklog);
  OutboxBacklog backlog;
  backlog.events = rows[0][0].as<int64_t>();
  if (!rows[0][1].is_null()) backlog.oldest = absl::FromUnixMicros(rows[0][1].as<int64_t>());
  return backlog;
}

}  // namespace hotline::reporting
