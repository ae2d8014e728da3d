#include "services/intake/store/caller_flag_store.h"

#include <pqxx/binarystring>
#include <pqxx/result>

#include "libs/common/proto_time.h"
#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"

namespace hotline::intake {
namespace {

namespace v1 = hotline::intake::v1;

#define CALLER_FLAG_COLUMNS                              \
  " id, phone_hint, reason_code, flagged_by,"            \
  " (extract(epoch from flagged_at) * 1000000)::bigint," \
  " (extract(epoch from expires_at) * 1000000)::bigint"

v1::CallerFlag FromRow(const pqxx::row& r) {
  v1::CallerFlag flag;
  flag.set_id(r[0].as<int64_t>());
  flag.set_phone_hint(r[1].c_str());
  flag.set_reason_code(r[2].c_str());
  flag.set_flagged_by(r[3].c_str());
  *flag.mutable_flagged_at() = ToTimestamp(absl::FromUnixMicros(r[4].as<int64_t>()));
  if (!r[5].is_null()) {
    *flag.mutable_expires_at() = ToTimestamp(absl::FromUnixMicros(r[5].as<int64_t>()));
  }
  return flag;
}

std::optional<int64_t> MicrosOf(const std::optional<absl::Time>& t) {
  if (!t) return std::nullopt;
  return absl::ToUnixMicros(*t);
}

}  // namespace

// A live flag of the same phone takes the new reason and expiry (and who set them).
constexpr char kFlag[] = R"sql(
INSERT INTO intake_caller_flags (phone_index, phone_hint, reason_code, flagged_by, flagged_at,
  expires_at)
VALUES ($1, $2, $3, $4, 'epoch'::timestamptz + $5 * interval '1 microsecond',
  'epoch'::timestamptz + $6 * interval '1 microsecond')
ON CONFLICT (phone_index) WHERE lifted_at IS NULL DO UPDATE SET
  reason_code = excluded.reason_code, flagged_by = excluded.flagged_by,
  flagged_at = excluded.flagged_at, expires_at = excluded.expires_at
RETURNING)sql" CALLER_FLAG_COLUMNS;

v1::CallerFlag PgCallerFlagStore::Flag(Transaction& tx, const CallerFlagDraft& d) const {
  return FromRow(pg::Prepared1(pg::Work(tx), kFlag, pqxx::binarystring(d.phone_index), d.phone_hint,
                               d.reason_code, d.flagged_by, absl::ToUnixMicros(d.flagged_at),
                               MicrosOf(d.expires_at)));
}

constexpr char kLift[] = R"sql(
UPDATE intake_caller_flags SET lifted_by = $2,
  lifted_at = 'epoch'::timestamptz + $3 * interval '1 microsecond'
WHERE id = $1 AND lifted_at IS NULL)sql";

bool PgCallerFlagStore::Lift(Transaction& tx, int64_t id, const std::string& by,
                             absl::Time at) const {
  return pg::Prepared(pg::Work(tx), kLift, id, by, absl::ToUnixMicros(at)).affected_rows() == 1;
}

constexpr char kLive[] = "SELECT" CALLER_FLAG_COLUMNS R"sql(
FROM intake_caller_flags
WHERE lifted_at IS NULL
  AND (expires_at IS NULL OR expires_at > 'epoch'::timestamptz + $1 * interval '1 microsecond')
ORDER BY flagged_at DESC, id DESC)sql";

std::vector<v1::CallerFlag> PgCallerFlagStore::Live(Transaction& tx, absl::Time now) const {
  std::vector<v1::CallerFlag> flags;
  for (const pqxx::row& r : pg::Prepared(pg::Work(tx), kLive, absl::ToUnixMicros(now))) {
    flags.push_back(FromRow(r));
  }
  return flags;
}

constexpr char kLivePhones[] = R"sql(
SELECT phone_index, (extract(epoch from expires_at) * 1000000)::bigint FROM intake_caller_flags
WHERE lifted_at IS NULL
  AND (expires_at IS NULL OR expires_at > 'epoch'::timestamptz + $1 * interval '1 microsecond'))sql";

std::vector<FlaggedPhone> PgCallerFlagStore::LivePhones(Transaction& tx, absl::Time now) const {
  std::vector<FlaggedPhone> phones;
  for (const pqxx::row& r : pg::Prepared(pg::Work(tx), kLivePhones, absl::ToUnixMicros(now))) {
    FlaggedPhone& phone = phones.emplace_back();
    phone.phone_index = pqxx::binarystring(r[0]).str();
    if (!r[1].is_null()) phone.expires_at = absl::FromUnixMicros(r[1].as<int64_t>());
  }
  return phones;
}

#undef CALLER_FLAG_COLUMNS

}  // namespace hotline::intake
