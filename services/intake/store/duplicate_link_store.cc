#include "services/intake/store/duplicate_link_store.h"

#include <pqxx/result>

#include "libs/common/proto_time.h"
#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;

constexpr char kLockLink[] =
    "SELECT ticket_id, earlier_ticket_id, state FROM intake_duplicate_links WHERE ticket_id = $1 "
    "FOR UPDATE";

std::optional<DuplicateLinkRow> PgDuplicateLinkStore::Lock(Transaction& tx,
                                                           int64_t ticket_id) const {
  const pqxx::result rows = pg::Prepared(pg::Work(tx), kLockLink, ticket_id);
  if (rows.empty()) return std::nullopt;
  return DuplicateLinkRow{rows[0][0].as<int64_t>(), rows[0][1].as<int64_t>(),
                          static_cast<v1::DuplicateLinkState>(rows[0][2].as<int>())};
}

constexpr char kDecideLink[] = R"sql(
INSERT INTO intake_duplicate_links
  (ticket_id, earlier_ticket_id, basis, similarity, state, linked_at, decided_at, decided_by)
VALUES ($1, $2, 'manual', 1, $3, 'epoch'::timestamptz + $4 * interval '1 microsecond',
        'epoch'::timestamptz + $4 * interval '1 microsecond', $5)
ON CONFLICT (ticket_id) DO UPDATE SET earlier_ticket_id = EXCLUDED.earlier_ticket_id,
  state = EXCLUDED.state, decided_at = EXCLUDED.decided_at, decided_by = EXCLUDED.decided_by)sql";

void PgDuplicateLinkStore::Decide(Transaction& tx, int64_t ticket_id, int64_t survivor_id,
                                  v1::DuplicateLinkState state, const std::string& by,
                                  absl::Time at) const {
  pg::Prepared(pg::Work(tx), kDecideLink, ticket_id, survivor_id, static_cast<int>(state),
               absl::ToUnixMicros(at), by);
}

constexpr char kSelectLinks[] = R"sql(
SELECT l.state, e.number FROM intake_duplicate_links l JOIN tickets e ON e.id = l.earlier_ticket_id
WHERE l.ticket_id = $1)sql";

std::vector<LinkedTicket> PgDuplicateLinkStore::LinksOf(Transaction& tx, int64_t ticket_id) const {
  std::vector<LinkedTicket> links;
  for (const auto& row : pg::Work(tx).exec_params(kSelectLinks, ticket_id)) {
    links.push_back(
        {static_cast<v1::DuplicateLinkState>(row[0].as<int>()), row[1].as<std::string>()});
  }
  return links;
}

constexpr char kListLinks[] = R"sql(
SELECT t.number, e.number, l.basis, l.similarity, l.state,
  (extract(epoch from l.linked_at) * 1000000)::bigint, l.ticket_id
FROM intake_duplicate_links l
JOIN tickets t ON t.id = l.ticket_id
JOIN tickets e ON e.id = l.earlier_ticket_id
WHERE l.state = $1 AND t.region_code LIKE $2 || '%'
  AND (l.linked_at, l.ticket_id) > ('epoch'::timestamptz + $3 * interval '1 microsecond', $4)
ORDER BY l.linked_at, l.ticket_id LIMIT $5)sql";

std::vector<DuplicateLinkListing> PgDuplicateLinkStore::List(
    Transaction& tx, const std::string& jurisdiction, v1::DuplicateLinkState state,
    absl::Time after_at, int64_t after_ticket_id, int limit) const {
  std::vector<DuplicateLinkListing> listings;
  for (const auto& r :
       pg::Work(tx).exec_params(kListLinks, static_cast<int>(state), jurisdiction,
                                absl::ToUnixMicros(after_at), after_ticket_id, limit)) {
    DuplicateLinkListing& listing = listings.emplace_back();
    v1::DuplicateLink& link = listing.link;
    link.set_ticket_number(r[0].as<std::string>());
    link.set_earlier_ticket_number(r[1].as<std::string>());
    link.set_basis(r[2].as<std::string>());
    link.set_similarity(r[3].as<double>());
    link.set_state(static_cast<v1::DuplicateLinkState>(r[4].as<int>()));
    listing.linked_at = absl::FromUnixMicros(r[5].as<int64_t>());
    *link.mutable_linked_at() = ToTimestamp(listing.linked_at);
    listing.ticket_id = r[6].as<int64_t>();
  }
  return listings;
}

}  // namespace hotline::intake
