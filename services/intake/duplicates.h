#pragma once

#include <optional>
#include <pqxx/transaction>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/pg/statement_batch.h"
#include "services/intake/recent_tickets.h"

namespace hotline::intake {

struct DuplicatePolicy {
  absl::Duration window = absl::Hours(72);
  // Jaccard similarity of the contents' search terms from which two tickets look alike.
  double min_similarity = 0.5;
  // The most recent tickets compared, per basis.
  int max_candidates = 20;
};

struct DuplicateMatch {
  int64_t earlier_ticket_id = 0;
  std::string earlier_ticket_number;
  std::string basis;  // "same_caller" | "same_place"
  double similarity = 0;
};

// For each new ticket (not yet stored), the earlier tickets within the window from the same
// caller phone, or from the same place (the same division code at county level or finer, and the
// same category), whose content is at least min_similarity alike: the best few of `recent`, to be
// confirmed in the database (an entry may come from a transaction that rolled back, or have been
// withdrawn or merged since).
struct DuplicateCandidates {
  std::vector<std::vector<SimilarTicket>> per_probe;  // best first
  std::vector<int64_t> ids;                           // of them all
};
DuplicateCandidates FindDuplicateCandidates(const std::vector<DuplicateProbe>& probes,
                                            const RecentTickets& recent,
                                            const DuplicatePolicy& policy, absl::Time now);

// What a confirmed candidate is: a `tickets` row in one of these states may still be repeated.
extern const char kRepeatableTicket[];

// Each probe's best candidate among `repeatable` (the ids that meet kRepeatableTicket).
std::vector<std::optional<DuplicateMatch>> ConfirmedDuplicates(
    const DuplicateCandidates& candidates, const absl::flat_hash_set<int64_t>& repeatable);

// Adds to `writes` the statement storing links (state LINKED): ticket ids and their matches.
void LinkDuplicates(pg::StatementBatch& writes,
                    const std::vector<std::pair<int64_t, DuplicateMatch>>& links, absl::Time at);

struct DuplicateLinkRow {
  int64_t ticket_id = 0;
  int64_t earlier_ticket_id = 0;
  hotline::intake::v1::DuplicateLinkState state =
      hotline::intake::v1::DUPLICATE_LINK_STATE_UNSPECIFIED;
};
// The link of `ticket_id`, locked for change; nullopt when it has none.
std::optional<DuplicateLinkRow> LockDuplicateLink(pqxx::work& tx, int64_t ticket_id);

// Records a supervisor's decision: MERGED into `survivor_id` (creating a manual link when there
// was none) or UNLINKED.
void DecideDuplicateLink(pqxx::work& tx, int64_t ticket_id, int64_t survivor_id,
                         hotline::intake::v1::DuplicateLinkState state, const std::string& by,
                         absl::Time at);

// Links in `state` for tickets within `jurisdiction`, oldest first, from the page token on.
absl::StatusOr<hotline::intake::v1::ListDuplicateLinksResponse> ListDuplicateLinks(
    pqxx::transaction_base& tx, const std::string& jurisdiction,
    hotline::intake::v1::DuplicateLinkState state, int page_size, const std::string& page_token);

}  // namespace hotline::intake
