#include "services/intake/duplicates.h"

#include <pqxx/result>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/prepared.h"
#include "libs/ticketstore/ticket_row.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;

namespace {

// The best few matches are confirmed; when all of them are gone the submission is not flagged.
constexpr size_t kConfirmedPerProbe = 3;
constexpr char kInsertLinks[] = R"sql(
INSERT INTO intake_duplicate_links (ticket_id, earlier_ticket_id, basis, similarity, state, linked_at)
SELECT l.ticket, l.earlier, l.basis, l.similarity, 1,
  'epoch'::timestamptz + $1 * interval '1 microsecond'
FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::real[])
  AS l(ticket, earlier, basis, similarity))sql";
constexpr char kLockLink[] =
    "SELECT ticket_id, earlier_ticket_id, state FROM intake_duplicate_links WHERE ticket_id = $1 "
    "FOR UPDATE";
constexpr char kDecideLink[] = R"sql(
INSERT INTO intake_duplicate_links
  (ticket_id, earlier_ticket_id, basis, similarity, state, linked_at, decided_at, decided_by)
VALUES ($1, $2, 'manual', 1, $3, 'epoch'::timestamptz + $4 * interval '1 microsecond',
        'epoch'::timestamptz + $4 * interval '1 microsecond', $5)
ON CONFLICT (ticket_id) DO UPDATE SET earlier_ticket_id = EXCLUDED.earlier_ticket_id,
  state = EXCLUDED.state, decided_at = EXCLUDED.decided_at, decided_by = EXCLUDED.decided_by)sql";
constexpr char kListLinks[] = R"sql(
SELECT t.number, e.number, l.basis, l.similarity, l.state,
  (extract(epoch from l.linked_at) * 1000000)::bigint, l.ticket_id
FROM intake_duplicate_links l
JOIN tickets t ON t.id = l.ticket_id
JOIN tickets e ON e.id = l.earlier_ticket_id
WHERE l.state = $1 AND t.region_code LIKE $2 || '%'
  AND (l.linked_at, l.ticket_id) > ('epoch'::timestamptz + $3 * interval '1 microsecond', $4)
ORDER BY l.linked_at, l.ticket_id LIMIT $5)sql";

}  // namespace

const char kRepeatableTicket[] = "state NOT IN ('NOT_ACCEPTED', 'WITHDRAWN', 'MERGED')";

DuplicateCandidates FindDuplicateCandidates(const std::vector<DuplicateProbe>& probes,
                                            const RecentTickets& recent,
                                            const DuplicatePolicy& policy, absl::Time now) {
  DuplicateCandidates candidates;
  for (const DuplicateProbe& probe : probes) {
    std::vector<SimilarTicket>& similar = candidates.per_probe.emplace_back(
        recent.Similar(probe, now, policy.max_candidates, policy.min_similarity));
    if (similar.size() > kConfirmedPerProbe) similar.resize(kConfirmedPerProbe);
    for (const SimilarTicket& s : similar) candidates.ids.push_back(s.id);
  }
  return candidates;
}

std::vector<std::optional<DuplicateMatch>> ConfirmedDuplicates(
    const DuplicateCandidates& candidates, const absl::flat_hash_set<int64_t>& repeatable) {
  std::vector<std::optional<DuplicateMatch>> best(candidates.per_probe.size());
  for (size_t i = 0; i < best.size(); ++i) {
    for (const SimilarTicket& s : candidates.per_probe[i]) {
      if (!repeatable.contains(s.id)) continue;
      best[i] = DuplicateMatch{s.id, s.number, s.same_caller ? "same_caller" : "same_place",
                               s.similarity};
      break;
    }
  }
  return best;
}

void LinkDuplicates(pg::StatementBatch& writes,
                    const std::vector<std::pair<int64_t, DuplicateMatch>>& links, absl::Time at) {
  if (links.empty()) return;
  std::vector<int64_t> tickets, earlier;
  std::vector<std::string> bases, similarities;
  for (const auto& [ticket, match] : links) {
    tickets.push_back(ticket);
    earlier.push_back(match.earlier_ticket_id);
    bases.push_back(match.basis);
    similarities.push_back(std::to_string(match.similarity));
  }
  writes.Add(kInsertLinks, absl::ToUnixMicros(at), pg::IntArrayLiteral(tickets),
             pg::IntArrayLiteral(earlier), pg::TextArrayLiteral(bases),
             pg::TextArrayLiteral(similarities));
}

std::optional<DuplicateLinkRow> LockDuplicateLink(pqxx::work& tx, int64_t ticket_id) {
  const pqxx::result rows = pg::Prepared(tx, kLockLink, ticket_id);
  if (rows.empty()) return std::nullopt;
  return DuplicateLinkRow{rows[0][0].as<int64_t>(), rows[0][1].as<int64_t>(),
                          static_cast<v1::DuplicateLinkState>(rows[0][2].as<int>())};
}

void DecideDuplicateLink(pqxx::work& tx, int64_t ticket_id, int64_t survivor_id,
                         v1::DuplicateLinkState state, const std::string& by, absl::Time at) {
  pg::Prepared(tx, kDecideLink, ticket_id, survivor_id, static_cast<int>(state),
               absl::ToUnixMicros(at), by);
}

absl::StatusOr<v1::ListDuplicateLinksResponse> ListDuplicateLinks(pqxx::transaction_base& tx,
                                                                  const std::string& jurisdiction,
                                                                  v1::DuplicateLinkState state,
                                                                  int page_size,
                                                                  const std::string& page_token) {
  // The token is "<linked_at micros>:<ticket id>" of the last link of the previous page.
  int64_t after_micros = 0, after_id = 0;  // from the start
  if (!page_token.empty()) {
    std::vector<std::string> parts = absl::StrSplit(page_token, ':');
    if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &after_micros) ||
        !absl::SimpleAtoi(parts[1], &after_id)) {
      return absl::InvalidArgumentError("page_token is not one this service gave out");
    }
  }
  v1::ListDuplicateLinksResponse response;
  const pqxx::result rows = tx.exec_params(kListLinks, static_cast<int>(state), jurisdiction,
                                           after_micros, after_id, page_size);
  for (const auto& r : rows) {
    v1::DuplicateLink* link = response.add_links();
    link->set_ticket_number(r[0].as<std::string>());
    link->set_earlier_ticket_number(r[1].as<std::string>());
    link->set_basis(r[2].as<std::string>());
    link->set_similarity(r[3].as<double>());
    link->set_state(static_cast<v1::DuplicateLinkState>(r[4].as<int>()));
    *link->mutable_linked_at() = ticketstore::ToTimestamp(absl::FromUnixMicros(r[5].as<int64_t>()));
  }
  if (static_cast<int>(rows.size()) == page_size) {
    const auto& last = rows[rows.size() - 1];
    response.set_next_page_token(absl::StrCat(last[5].as<int64_t>(), ":", last[6].as<int64_t>()));
  }
  return response;
}

}  // namespace hotline::intake
