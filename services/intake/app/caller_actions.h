#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/intake/app/jurisdiction.h"

namespace hotline::intake {

// 补充材料: more information from the caller.
struct AddSupplementCommand {
  std::string ticket_number;
  std::string content;
  google::protobuf::RepeatedPtrField<hotline::common::v1::AttachmentRef> attachments;
  int64_t expected_version = 0;  // 0: whatever is current
};

struct WithdrawCommand {
  std::string ticket_number;
  std::string reason;
  int64_t expected_version = 0;  // 0: whatever is current
};

// Where a ticket stands after a caller's action.
struct TicketVersion {
  hotline::common::v1::TicketState state = hotline::common::v1::TICKET_STATE_UNSPECIFIED;
  int64_t version = 0;
};

// What a caller does to a ticket after submitting it, through a front-end or the hotline office:
// add information, or withdraw it. Only open tickets, only within the actor's jurisdiction. Who
// may act for callers is decided before (api/intake_access.h).
class CallerActions {
 public:
  CallerActions(TransactionRunner& transactions, const ticketstore::TicketStore& tickets)
      : transactions_(transactions), tickets_(tickets) {}

  // `scope`: the access table's line for the actor (a front-end acts only on what it took).
  absl::StatusOr<TicketVersion> AddSupplement(const hotline::common::v1::Actor& actor,
                                              const AddSupplementCommand& command,
                                              TicketScope scope = TicketScope::kJurisdiction);
  absl::StatusOr<TicketVersion> Withdraw(const hotline::common::v1::Actor& actor,
                                         const WithdrawCommand& command,
                                         TicketScope scope = TicketScope::kJurisdiction);

 private:
  TransactionRunner& transactions_;
  const ticketstore::TicketStore& tickets_;
};

}  // namespace hotline::intake
