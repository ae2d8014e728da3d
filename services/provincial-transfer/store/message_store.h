#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "hotline/transfer/v1/transfer.pb.h"
#include "libs/common/transaction.h"

namespace hotline::transfer {

// Where a local ticket came from and went (transfer_links).
struct TicketLink {
  int64_t ticket_id = 0;
  std::string received_from;  // "" for a ticket taken here
  std::string origin_ticket_number;
  std::string first_instance;
  std::string first_ticket_number;
  std::string sent_to;
  std::string remote_ticket_number;
};

// A message waiting in the outbox for its peer.
struct OutboxMessage {
  int64_t id = 0;
  std::string peer;
  int64_t ticket_id = 0;
  int64_t sequence = 0;
  v1::PeerEnvelope envelope;
  int attempts = 0;
  // Not OK when the stored envelope does not open (its key left the keyring, or it was altered):
  // `envelope` is then empty and must not be sent.
  absl::Status readable;
};

// A peer's queue as it stands: what its gauges show.
struct PeerQueue {
  std::string peer;
  int64_t pending = 0;                       // not delivered yet
  int64_t retrying = 0;                      // pending after at least one failed attempt
  int64_t dead_lettered = 0;                 // given up, waiting for an operator
  std::optional<absl::Time> oldest_pending;  // when the oldest pending message was written
};

// An inbox row: what a message from a peer did here.
struct InboxEntry {
  enum class State { kApplied = 1, kHeld = 2, kParked = 3 };
  State state = State::kApplied;
  std::string local_ticket_number;
  std::optional<v1::PeerEnvelope> envelope;  // while held or parked
  // Not OK when a kept envelope does not open: `envelope` is then empty, and the message stays
  // held until it is parked (which alerts).
  absl::Status readable;
};

// Transfer's message tables: links, the per-peer outbox, the inbox, the disclosures. Envelopes are
// sealed at rest (store/sealed_envelope.h).
class MessageStore {
 public:
  virtual ~MessageStore() = default;

  // ---- links ----
  virtual std::optional<TicketLink> LinkOf(Transaction& tx, int64_t ticket_id) const = 0;
  // The local ticket made from (peer, its ticket number), if any.
  virtual std::optional<TicketLink> LinkFrom(Transaction& tx, const std::string& peer,
                                             const std::string& origin_ticket_number) const = 0;
  virtual void SaveLink(Transaction& tx, const TicketLink& link) const = 0;

  // ---- outbox ----
  // The next sequence of the (ticket, peer) stream: 1 for the first message.
  virtual int64_t NextSequence(Transaction& tx, int64_t ticket_id,
                               const std::string& peer) const = 0;
  virtual void Enqueue(Transaction& tx, const std::string& peer, int64_t ticket_id,
                       const v1::PeerEnvelope& envelope) const = 0;
  // Up to `limit` messages for `peer` due at `now`, the lowest pending sequence of each ticket
  // only (a ticket's later messages wait for its earlier ones), oldest first, skipping `busy`
  // (ids in flight).
  virtual std::vector<OutboxMessage> Due(Transaction& tx, const std::string& peer, absl::Time now,
                                         int limit, const std::vector<int64_t>& busy) const = 0;
  virtual void MarkDelivered(Transaction& tx, int64_t id, absl::Time at) const = 0;
  virtual void MarkRetry(Transaction& tx, int64_t id, absl::Time next_attempt,
                         const std::string& error) const = 0;
  virtual void MarkDead(Transaction& tx, int64_t id, const std::string& error) const = 0;
  // Every peer with pending or dead-lettered messages, by peer.
  virtual std::vector<PeerQueue> QueueByPeer(Transaction& tx) const = 0;

  // ---- inbox ----
  // Also waits for any other transaction working on the same stream (origin instance and ticket).
  virtual std::optional<InboxEntry> InboxOf(Transaction& tx, const std::string& origin_instance,
                                            const std::string& origin_ticket_number,
                                            int64_t sequence) const = 0;
  // The highest sequence applied for the stream (0: none).
  virtual int64_t LastApplied(Transaction& tx, const std::string& origin_instance,
                              const std::string& origin_ticket_number) const = 0;
  virtual void RecordApplied(Transaction& tx, const v1::PeerEnvelope& envelope,
                             const std::string& local_ticket_number, absl::Time at) const = 0;
  virtual void RecordHeld(Transaction& tx, const v1::PeerEnvelope& envelope,
                          absl::Time at) const = 0;
  // Held messages received before `cutoff` become parked (their predecessor is overdue); how many.
  virtual int ParkHeld(Transaction& tx, absl::Time cutoff) const = 0;

  // ---- disclosures ----
  virtual void RecordDisclosure(Transaction& tx, int64_t ticket_id, const std::string& peer,
                                bool sent) const = 0;
};

}  // namespace hotline::transfer
