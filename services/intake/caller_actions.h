#pragma once

#include "absl/status/statusor.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/token_auth.h"
#include "libs/ticketstore/pg_ticket_store.h"

namespace hotline::intake {

// What a caller does to a ticket after submitting it, through a front-end or the hotline office:
// add information (补充材料), or withdraw it. Only open tickets, only within the jurisdiction.
class CallerActions {
 public:
  CallerActions(pg::PgPool& pool, const ticketstore::PgTicketStore& tickets)
      : pool_(pool), tickets_(tickets) {}

  absl::StatusOr<hotline::intake::v1::AddSupplementResponse> AddSupplement(
      const service::Principal& caller, const hotline::intake::v1::AddSupplementRequest& request);
  absl::StatusOr<hotline::intake::v1::WithdrawTicketResponse> Withdraw(
      const service::Principal& caller, const hotline::intake::v1::WithdrawTicketRequest& request);

 private:
  pg::PgPool& pool_;
  const ticketstore::PgTicketStore& tickets_;
};

}  // namespace hotline::intake
