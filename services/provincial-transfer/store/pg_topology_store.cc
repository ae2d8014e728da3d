#include <pqxx/result>
#include <pqxx/row>

#include "absl/strings/str_cat.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"
#include "services/provincial-transfer/store/topology_store.h"

namespace hotline::transfer {
namespace {

int64_t Millis(absl::Duration d) { return absl::ToInt64Milliseconds(d); }

}  // namespace

constexpr char kLoadPeers[] = R"sql(
SELECT instance_code, role, region_prefixes, category_prefixes, address, certificate_identity,
  initial_backoff_ms, max_backoff_ms, max_attempts, max_in_flight, breaker_failures,
  breaker_open_ms, (extract(epoch from updated_at) * 1000000)::bigint
FROM transfer_peers ORDER BY instance_code)sql";
constexpr char kLoadPrefectures[] = R"sql(
SELECT code, own_instance, (extract(epoch from updated_at) * 1000000)::bigint
FROM transfer_prefectures ORDER BY code)sql";

Topology PgTopologyStore::Load(Transaction& tx) const {
  pqxx::work& work = pg::Work(tx);
  Topology topology;
  for (const pqxx::row& r : pg::Prepared(work, kLoadPeers)) {
    PeerConfig p;
    p.instance_code = r[0].c_str();
    p.role = static_cast<InstanceRole>(r[1].as<int>());
    p.region_prefixes = pg::TextArrayOf(r[2]);
    p.category_prefixes = pg::TextArrayOf(r[3]);
    p.address = r[4].c_str();
    p.certificate_identity = r[5].c_str();
    p.retry.initial_backoff = absl::Milliseconds(r[6].as<int64_t>());
    p.retry.max_backoff = absl::Milliseconds(r[7].as<int64_t>());
    p.retry.max_attempts = r[8].as<int>();
    p.retry.max_in_flight = r[9].as<int>();
    p.retry.breaker_failures = r[10].as<int>();
    p.retry.breaker_open_for = absl::Milliseconds(r[11].as<int64_t>());
    p.updated_at = absl::FromUnixMicros(r[12].as<int64_t>());
    topology.peers.push_back(std::move(p));
  }
  for (const pqxx::row& r : pg::Prepared(work, kLoadPrefectures)) {
    topology.prefectures.push_back(
        {r[0].c_str(), r[1].as<bool>(), absl::FromUnixMicros(r[2].as<int64_t>())});
  }
  return topology;
}

constexpr char kIdentityTaken[] = R"sql(
SELECT instance_code FROM transfer_peers
WHERE certificate_identity = $1 AND instance_code <> $2)sql";
constexpr char kUpsertPeer[] = R"sql(
INSERT INTO transfer_peers (instance_code, role, region_prefixes, category_prefixes, address,
  certificate_identity, initial_backoff_ms, max_backoff_ms, max_attempts, max_in_flight,
  breaker_failures, breaker_open_ms, updated_at)
VALUES ($1, $2, $3::text[], $4::text[], $5, $6, $7, $8, $9, $10, $11, $12, now())
ON CONFLICT (instance_code) DO UPDATE SET role = excluded.role,
  region_prefixes = excluded.region_prefixes, category_prefixes = excluded.category_prefixes,
  address = excluded.address, certificate_identity = excluded.certificate_identity,
  initial_backoff_ms = excluded.initial_backoff_ms, max_backoff_ms = excluded.max_backoff_ms,
  max_attempts = excluded.max_attempts, max_in_flight = excluded.max_in_flight,
  breaker_failures = excluded.breaker_failures, breaker_open_ms = excluded.breaker_open_ms,
  updated_at = now()
RETURNING (xmax = 0) AS created)sql";

absl::StatusOr<bool> PgTopologyStore::UpsertPeer(Transaction& tx, const PeerConfig& p) const {
  pqxx::work& work = pg::Work(tx);
  const pqxx::result taken =
      pg::Prepared(work, kIdentityTaken, p.certificate_identity, p.instance_code);
  if (!taken.empty()) {
    return absl::AlreadyExistsError(
        absl::StrCat("peer ", taken[0][0].c_str(), " already has this certificate identity"));
  }
  const RetryBounds& r = p.retry;
  return pg::Prepared1(work, kUpsertPeer, p.instance_code, static_cast<int>(p.role),
                       pg::TextArrayLiteral(p.region_prefixes),
                       pg::TextArrayLiteral(p.category_prefixes), p.address, p.certificate_identity,
                       Millis(r.initial_backoff), Millis(r.max_backoff), r.max_attempts,
                       r.max_in_flight, r.breaker_failures, Millis(r.breaker_open_for))[0]
      .as<bool>();
}

constexpr char kRemovePeer[] = "DELETE FROM transfer_peers WHERE instance_code = $1";

bool PgTopologyStore::RemovePeer(Transaction& tx, const std::string& instance_code) const {
  return pg::Prepared(pg::Work(tx), kRemovePeer, instance_code).affected_rows() > 0;
}

constexpr char kUpsertPrefecture[] = R"sql(
INSERT INTO transfer_prefectures (code, own_instance, updated_at) VALUES ($1, $2, now())
ON CONFLICT (code) DO UPDATE SET own_instance = excluded.own_instance, updated_at = now())sql";

void PgTopologyStore::UpsertPrefecture(Transaction& tx, const PrefectureService& f) const {
  pg::Prepared(pg::Work(tx), kUpsertPrefecture, f.code, f.own_instance);
}

constexpr char kRemoveOtherPeers[] =
    "DELETE FROM transfer_peers WHERE NOT (instance_code = ANY ($1::text[]))";
constexpr char kRemoveOtherPrefectures[] =
    "DELETE FROM transfer_prefectures WHERE NOT (code = ANY ($1::text[]))";

int PgTopologyStore::RemoveOthers(Transaction& tx, const std::vector<std::string>& peer_codes,
                                  const std::vector<std::string>& prefecture_codes) const {
  pqxx::work& work = pg::Work(tx);
  return static_cast<int>(
      work.exec_params(kRemoveOtherPeers, pg::TextArrayLiteral(peer_codes)).affected_rows() +
      work.exec_params(kRemoveOtherPrefectures, pg::TextArrayLiteral(prefecture_codes))
          .affected_rows());
}

constexpr char kAudit[] =
    "INSERT INTO transfer_topology_audit (principal, action, subject) VALUES ($1, $2, $3)";

void PgTopologyStore::Audit(Transaction& tx, const hotline::common::v1::Actor& actor,
                            const std::string& action, const std::string& subject) const {
  pg::Prepared(pg::Work(tx), kAudit, actor.principal(), action, subject);
}

}  // namespace hotline::transfer
