#pragma once

#include "absl/status/statusor.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/clock.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/token_auth.h"
#include "libs/ticketstore/pg_ticket_store.h"

namespace hotline::intake {

// The hotline office's decisions on possible duplicates (重复件): list, merge, unlink.
class DuplicateReview {
 public:
  DuplicateReview(pg::PgPool& pool, const ticketstore::PgTicketStore& tickets, const Clock& clock)
      : pool_(pool), tickets_(tickets), clock_(clock) {}

  absl::StatusOr<hotline::intake::v1::ListDuplicateLinksResponse> List(
      const service::Principal& caller,
      const hotline::intake::v1::ListDuplicateLinksRequest& request);
  // The duplicate becomes MERGED, pointing at the survivor.
  absl::Status Merge(const service::Principal& caller,
                     const hotline::intake::v1::MergeTicketsRequest& request);
  // A linked ticket is declared not a duplicate.
  absl::Status Unlink(const service::Principal& caller,
                      const hotline::intake::v1::UnlinkDuplicateRequest& request);

 private:
  pg::PgPool& pool_;
  const ticketstore::PgTicketStore& tickets_;
  const Clock& clock_;
};

}  // namespace hotline::intake
