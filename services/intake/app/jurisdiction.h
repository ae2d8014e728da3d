#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"

namespace hotline::intake {

// The ticket `number` if its region lies within `jurisdiction` (the caller's scope), locked by
// nothing; the same NOT_FOUND whether it is absent or outside (service::WithinReach).
absl::StatusOr<hotline::common::v1::Ticket> TicketInJurisdiction(
    Transaction& tx, const ticketstore::TicketStore& tickets, const std::string& jurisdiction,
    const std::string& number);

// How far a call on a ticket reaches, as the access table's line for the caller says.
enum class TicketScope {
  kJurisdiction,    // tickets within the actor's jurisdiction
  kOwnSubmissions,  // the tickets the actor's own credential took, wherever they are
};

// The ticket `number` as `actor` reaches it under `scope`; the NOT_FOUND of an absent ticket
// otherwise.
absl::StatusOr<hotline::common::v1::Ticket> ReachTicket(Transaction& tx,
                                                        const ticketstore::TicketStore& tickets,
                                                        const hotline::common::v1::Actor& actor,
                                                        TicketScope scope,
                                                        const std::string& number);

}  // namespace hotline::intake
