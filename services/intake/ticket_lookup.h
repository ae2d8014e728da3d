#pragma once

#include "absl/status/statusor.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/clock.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/token_auth.h"
#include "libs/ticketstore/pg_ticket_store.h"

namespace hotline::intake {

// GetTicket: the ticket, its timeline, emergency referrals, supplements and duplicate links, as
// much as the caller may see (ticket_access.h). A full view writes an audit row in the same
// transaction as the read, so no unmasked read goes unrecorded.
class TicketLookup {
 public:
  TicketLookup(pg::PgPool& pool, const ticketstore::PgTicketStore& tickets, const Clock& clock)
      : pool_(pool), tickets_(tickets), clock_(clock) {}

  absl::StatusOr<hotline::intake::v1::GetTicketResponse> Get(
      const service::Principal& caller, const hotline::intake::v1::GetTicketRequest& request);

 private:
  pg::PgPool& pool_;
  const ticketstore::PgTicketStore& tickets_;
  const Clock& clock_;
};

// The open ticket `number` within the caller's jurisdiction, locked by nothing: NOT_FOUND,
// PERMISSION_DENIED (outside the jurisdiction) or the ticket.
absl::StatusOr<hotline::common::v1::Ticket> TicketInJurisdiction(
    pqxx::transaction_base& tx, const ticketstore::PgTicketStore& tickets,
    const service::Principal& caller, const std::string& number);

}  // namespace hotline::intake
