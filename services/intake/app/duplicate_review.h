#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/intake/store/duplicate_link_store.h"

namespace hotline::intake {

struct DuplicateLinkQuery {
  hotline::intake::v1::DuplicateLinkState state;  // UNSPECIFIED: LINKED
  int page_size = 0;                              // 0: 50
  std::string page_token;
};

struct DuplicateLinkPage {
  std::vector<hotline::intake::v1::DuplicateLink> links;
  std::string next_page_token;  // empty on the last page
};

// The hotline office's decisions on possible duplicates (重复件): list, merge, unlink; within the
// actor's jurisdiction. Who may decide is settled before (api/intake_access.h).
class DuplicateReview {
 public:
  DuplicateReview(TransactionRunner& transactions, const ticketstore::TicketStore& tickets,
                  const DuplicateLinkStore& links, const Clock& clock)
      : transactions_(transactions), tickets_(tickets), links_(links), clock_(clock) {}

  absl::StatusOr<DuplicateLinkPage> List(const hotline::common::v1::Actor& actor,
                                         const DuplicateLinkQuery& query);
  // The duplicate becomes MERGED, pointing at the survivor.
  absl::Status Merge(const hotline::common::v1::Actor& actor,
                     const std::string& duplicate_ticket_number,
                     const std::string& surviving_ticket_number);
  // A linked ticket is declared not a duplicate.
  absl::Status Unlink(const hotline::common::v1::Actor& actor, const std::string& ticket_number);

 private:
  TransactionRunner& transactions_;
  const ticketstore::TicketStore& tickets_;
  const DuplicateLinkStore& links_;
  const Clock& clock_;
};

}  // namespace hotline::intake
