#include <pqxx/result>
#include <pqxx/row>

#include "libs/pg/pg_transaction.h"
#include "services/reporting/store/pg_stores.h"

namespace hotline::reporting {

// EXCLUSIVE: the consumer's writes wait, plain reads (GetIndicators) go on.
constexpr char kLockLive[] =
    "LOCK TABLE public.reporting_counts, public.reporting_tickets IN EXCLUSIVE MODE";
constexpr char kFreshCounts[] =
    "CREATE TEMP TABLE reporting_counts (LIKE public.reporting_counts INCLUDING ALL) "
    "ON COMMIT DROP";
constexpr char kFreshTickets[] =
    "CREATE TEMP TABLE reporting_tickets (LIKE public.reporting_tickets INCLUDING ALL) "
    "ON COMMIT DROP";

void PgRollupTables::StartFresh(Transaction& tx) {
  pqxx::work& work = pg::Work(tx);
  work.exec0(kLockLive);
  work.exec0(kFreshCounts);
  work.exec0(kFreshTickets);
}

constexpr char kEmptyLive[] = "TRUNCATE public.reporting_counts, public.reporting_tickets";
constexpr char kCopyCounts[] =
    "INSERT INTO public.reporting_counts SELECT * FROM pg_temp.reporting_counts";
constexpr char kCopyTickets[] =
    "INSERT INTO public.reporting_tickets SELECT * FROM pg_temp.reporting_tickets";

void PgRollupTables::SwapIn(Transaction& tx) {
  pqxx::work& work = pg::Work(tx);
  work.exec0(kEmptyLive);
  work.exec0(kCopyCounts);
  work.exec0(kCopyTickets);
}

constexpr char kRecordProgress[] = R"sql(
INSERT INTO reporting_rollup_progress AS p (stream_partition, last_event_at, applied_at)
VALUES ($1, 'epoch'::timestamptz + $2 * interval '1 microsecond', now())
ON CONFLICT (stream_partition) DO UPDATE
SET last_event_at = greatest(p.last_event_at, EXCLUDED.last_event_at), applied_at = now())sql";

void PgRollupTables::RecordProgress(Transaction& tx, int partition, absl::Time at) {
  pg::Work(tx).exec_params0(kRecordProgress, partition, absl::ToUnixMicros(at));
}

constexpr char kLastApplied[] =
    "SELECT (extract(epoch from max(last_event_at)) * 1000000)::bigint "
    "FROM reporting_rollup_progress";

std::optional<absl::Time> PgRollupTables::LastApplied(Transaction& tx) {
  const pqxx::result rows = pg::Work(tx).exec(kLastApplied);
  if (rows.empty() || rows[0][0].is_null()) return std::nullopt;
  return absl::FromUnixMicros(rows[0][0].as<int64_t>());
}

}  // namespace hotline::reporting
