#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/common/v1/ticket.pb.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/intake/rules/ticket_view.h"
#include "services/intake/store/duplicate_link_store.h"
#include "services/intake/store/ticket_records_store.h"

namespace hotline::intake {

// A ticket as GetTicket shows it.
struct TicketDetails {
  hotline::common::v1::Ticket ticket;  // personal data masked when `masked`
  bool masked = false;
  std::vector<hotline::intake::v1::HandlingUnit> handling_units;
  std::vector<hotline::intake::v1::Deadline> deadlines;
  std::vector<hotline::intake::v1::TimelineEntry> timeline;
  std::vector<hotline::intake::v1::Supplement> supplements;  // contents only in a full view
  std::vector<hotline::intake::v1::EmergencyLine> referred_to;
  std::string possible_duplicate_of;
  std::string merged_into;
  std::optional<hotline::intake::v1::TransferredTo> transferred_to;
};

// GetTicket: the ticket, its timeline, emergency referrals, supplements and duplicate links, as
// much as the reader's `access` lets it see (rules/ticket_view.h): within the reader's
// jurisdiction, and wherever it lies for the credential that took it. A full view writes an audit
// row in the same transaction as the read, so no unmasked read goes unrecorded.
class TicketLookup {
 public:
  TicketLookup(TransactionRunner& transactions, const ticketstore::TicketStore& tickets,
               const TicketRecordsStore& records, const DuplicateLinkStore& links,
               const Clock& clock, absl::Duration taker_full_view = kDefaultTakerFullView)
      : transactions_(transactions),
        tickets_(tickets),
        records_(records),
        links_(links),
        clock_(clock),
        taker_full_view_(taker_full_view) {}
  // How long the front-end that took a ticket keeps seeing it whole (ReadAccess).
  static constexpr absl::Duration kDefaultTakerFullView = absl::Hours(72);

  absl::StatusOr<TicketDetails> Get(const hotline::common::v1::Actor& reader, ReadAccess access,
                                    const std::string& ticket_number);

 private:
  TransactionRunner& transactions_;
  const ticketstore::TicketStore& tickets_;
  const TicketRecordsStore& records_;
  const DuplicateLinkStore& links_;
  const Clock& clock_;
  const absl::Duration taker_full_view_;
};

}  // namespace hotline::intake
