#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/transaction.h"

namespace hotline::intake {

// A ticket's duplicate link: the earlier ticket it may repeat, and what was decided.
struct DuplicateLinkRow {
  int64_t ticket_id = 0;
  int64_t earlier_ticket_id = 0;
  hotline::intake::v1::DuplicateLinkState state =
      hotline::intake::v1::DUPLICATE_LINK_STATE_UNSPECIFIED;
};

// A link as GetTicket shows it: its state and the earlier ticket's number.
struct LinkedTicket {
  hotline::intake::v1::DuplicateLinkState state =
      hotline::intake::v1::DUPLICATE_LINK_STATE_UNSPECIFIED;
  std::string earlier_number;
};

// A link as the hotline office lists it; `linked_at` and `ticket_id` are the page position.
struct DuplicateLinkListing {
  hotline::intake::v1::DuplicateLink link;
  absl::Time linked_at;
  int64_t ticket_id = 0;
};

// intake_duplicate_links: the possible duplicates and the office's decisions on them. (Links are
// first written with their tickets, store/submission_store.h.)
class DuplicateLinkStore {
 public:
  virtual ~DuplicateLinkStore() = default;

  // The link of `ticket_id`, locked for change; nullopt when it has none.
  virtual std::optional<DuplicateLinkRow> Lock(Transaction& tx, int64_t ticket_id) const = 0;
  // Records a supervisor's decision: MERGED into `survivor_id` (creating a manual link when there
  // was none) or UNLINKED.
  virtual void Decide(Transaction& tx, int64_t ticket_id, int64_t survivor_id,
                      hotline::intake::v1::DuplicateLinkState state, const std::string& by,
                      absl::Time at) const = 0;
  // The links of `ticket_id` (at most one).
  virtual std::vector<LinkedTicket> LinksOf(Transaction& tx, int64_t ticket_id) const = 0;
  // Links in `state` for tickets within `jurisdiction`, oldest first, after the position
  // (`after_at`, `after_ticket_id`); at most `limit`.
  virtual std::vector<DuplicateLinkListing> List(Transaction& tx, const std::string& jurisdiction,
                                                 hotline::intake::v1::DuplicateLinkState state,
                                                 absl::Time after_at, int64_t after_ticket_id,
                                                 int limit) const = 0;
};

class PgDuplicateLinkStore final : public DuplicateLinkStore {
 public:
  std::optional<DuplicateLinkRow> Lock(Transaction& tx, int64_t ticket_id) const override;
  void Decide(Transaction& tx, int64_t ticket_id, int64_t survivor_id,
              hotline::intake::v1::DuplicateLinkState state, const std::string& by,
              absl::Time at) const override;
  std::vector<LinkedTicket> LinksOf(Transaction& tx, int64_t ticket_id) const override;
  std::vector<DuplicateLinkListing> List(Transaction& tx, const std::string& jurisdiction,
                                         hotline::intake::v1::DuplicateLinkState state,
                                         absl::Time after_at, int64_t after_ticket_id,
                                         int limit) const override;
};

}  // namespace hotline::intake
