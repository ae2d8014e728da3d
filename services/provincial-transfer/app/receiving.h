#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "hotline/transfer/v1/transfer.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/provincial-transfer/rules/topology.h"
#include "services/provincial-transfer/store/message_store.h"

namespace hotline::transfer {

// What Deliver answers.
struct DeliveryResult {
  bool applied = false;  // false: held until its predecessor arrives
  std::string local_ticket_number;
  bool duplicate = false;
};

// The receiving side of the peer protocol: a message from an authenticated peer takes effect
// exactly once and in order per (origin instance, origin ticket). The inbox row and the effect
// commit together; a repeat gets the first answer; a message whose predecessor is missing is held
// and applied when the predecessor arrives.
//
// Effects: a ticket becomes a local ticket (channel TRANSFER, the origin recorded, the caller's
// contact included and the disclosure audited) accepted onto the path routing dispatches from; a
// status update is recorded on the ticket this instance sent (transfer.remote_update) and relayed
// one hop back when that ticket itself came from a peer; a misdirected return asks for the
// office's decision (transfer.needs_manual_dispatch); a recall withdraws the local ticket (or,
// when it was closed here already, is answered as declined); a
// supplement is kept with the local ticket (intake.supplement_added, its text sealed).
class Receiving {
 public:
  Receiving(TransactionRunner& transactions, const ticketstore::TicketStore& tickets,
            const MessageStore& messages, const Clock& clock, SelfInstance self)
      : transactions_(transactions),
        tickets_(tickets),
        messages_(messages),
        clock_(clock),
        self_(std::move(self)) {}

  // `peer` is the configured peer whose certificate the caller presented. INVALID_ARGUMENT for a
  // malformed envelope, PERMISSION_DENIED for a message this peer may not send (another origin,
  // another destination, a place outside what it may send), FAILED_PRECONDITION for an update
  // about a ticket this instance never sent that peer.
  absl::StatusOr<DeliveryResult> Deliver(const PeerConfig& peer, const v1::PeerEnvelope& envelope);

 private:
  absl::Status Check(const PeerConfig& peer, const v1::PeerEnvelope& envelope) const;
  // The effect of one in-order message; returns the local ticket number it concerns.
  absl::StatusOr<std::string> Apply(Transaction& tx, const PeerConfig& peer,
                                    const v1::PeerEnvelope& envelope) const;
  absl::StatusOr<std::string> CreateTicket(Transaction& tx, const PeerConfig& peer,
                                           const v1::PeerEnvelope& envelope) const;
  absl::StatusOr<std::string> ApplyUpdate(Transaction& tx, const PeerConfig& peer,
                                          const v1::PeerEnvelope& envelope) const;
  absl::StatusOr<std::string> ApplyMisdirected(Transaction& tx, const PeerConfig& peer,
                                               const v1::PeerEnvelope& envelope) const;
  absl::StatusOr<std::string> ApplyRecall(Transaction& tx, const PeerConfig& peer,
                                          const v1::PeerEnvelope& envelope) const;
  // Answers a recall of a ticket closed here with a status update saying so (RecallDeclined).
  void DeclineRecall(Transaction& tx, const PeerConfig& peer,
                     const hotline::common::v1::Ticket& ticket,
                     const v1::PeerEnvelope& recall) const;
  absl::StatusOr<std::string> ApplySupplement(Transaction& tx, const PeerConfig& peer,
                                              const v1::PeerEnvelope& envelope) const;
  // Keeps a supplement from the origin with local ticket `ticket_id`, as intake keeps one.
  absl::Status KeepSupplement(Transaction& tx, int64_t ticket_id, const PeerConfig& peer,
                              const v1::Supplement& supplement) const;
  // The local ticket this instance sent to `peer` that `envelope` answers.
  absl::StatusOr<hotline::common::v1::Ticket> SentTicket(Transaction& tx, const PeerConfig& peer,
                                                         const v1::PeerEnvelope& envelope) const;
  hotline::common::v1::Actor PeerActor(const PeerConfig& peer) const;

  TransactionRunner& transactions_;
  const ticketstore::TicketStore& tickets_;
  const MessageStore& messages_;
  const Clock& clock_;
  const SelfInstance self_;
};

}  // namespace hotline::transfer
