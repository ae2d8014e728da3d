#include "services/intake/duplicates.h"

#include <pqxx/result>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/domain/region_code.h"
#include "libs/ticketstore/ticket_row.h"
#include "services/intake/text_terms.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

namespace {

// Recent tickets of the same caller, then of the same place, each half from its own index
// (tickets_caller_phone_recent, tickets_region_recent); refused, withdrawn and merged tickets are
// not what a caller repeats.
constexpr char kCandidates[] = R"sql(
(SELECT id, number, content, true AS same_caller FROM tickets
 WHERE $2 <> '' AND caller_phone = $2 AND created_at >= now() - $4 * interval '1 second'
   AND id <> $1 AND state NOT IN ('NOT_ACCEPTED', 'WITHDRAWN', 'MERGED')
 ORDER BY created_at DESC LIMIT $5)
UNION ALL
(SELECT id, number, content, false FROM tickets
 WHERE length($3) >= 6 AND region_code = $3 AND created_at >= now() - $4 * interval '1 second'
   AND id <> $1 AND caller_phone IS DISTINCT FROM $2
   AND state NOT IN ('NOT_ACCEPTED', 'WITHDRAWN', 'MERGED')
 ORDER BY created_at DESC LIMIT $5))sql";
constexpr char kInsertLink[] = R"sql(
INSERT INTO intake_duplicate_links (ticket_id, earlier_ticket_id, basis, similarity, state, linked_at)
VALUES ($1, $2, $3, $4, 1, 'epoch'::timestamptz + $5 * interval '1 microsecond'))sql";
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

std::optional<DuplicateMatch> FindDuplicate(pqxx::transaction_base& tx,
                                            const common::Ticket& ticket,
                                            const DuplicatePolicy& policy) {
  const std::vector<std::string> terms = DistinctTerms(ticket.content());
  if (terms.empty()) return std::nullopt;
  std::optional<DuplicateMatch> best;
  for (const auto& row :
       tx.exec_params(kCandidates, ticket.id(), ticket.caller().phone(), ticket.region().code(),
                      absl::ToInt64Seconds(policy.window), policy.max_candidates)) {
    const double similarity = Jaccard(terms, DistinctTerms(row[2].as<std::string>()));
    if (similarity < policy.min_similarity) continue;
    if (best && best->similarity >= similarity) continue;
    best = DuplicateMatch{row[0].as<int64_t>(), row[1].as<std::string>(),
                          row[3].as<bool>() ? "same_caller" : "same_place", similarity};
  }
  return best;
}

void LinkDuplicate(pqxx::work& tx, int64_t ticket_id, const DuplicateMatch& match, absl::Time at) {
  tx.exec_params(kInsertLink, ticket_id, match.earlier_ticket_id, match.basis, match.similarity,
                 absl::ToUnixMicros(at));
}

std::optional<DuplicateLinkRow> LockDuplicateLink(pqxx::work& tx, int64_t ticket_id) {
  const pqxx::result rows = tx.exec_params(kLockLink, ticket_id);
  if (rows.empty()) return std::nullopt;
  return DuplicateLinkRow{rows[0][0].as<int64_t>(), rows[0][1].as<int64_t>(),
                          static_cast<v1::DuplicateLinkState>(rows[0][2].as<int>())};
}

void DecideDuplicateLink(pqxx::work& tx, int64_t ticket_id, int64_t survivor_id,
                         v1::DuplicateLinkState state, const std::string& by, absl::Time at) {
  tx.exec_params(kDecideLink, ticket_id, survivor_id, static_cast<int>(state),
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
