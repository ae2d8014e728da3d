#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hotline/transfer/v1/transfer.pb.h"
#include "libs/common/transaction.h"
#include "services/provincial-transfer/store/message_store.h"

namespace hotline::transfer {

// transfer_outbox.state.
enum class OutboxState { kPending = 0, kDelivered = 1, kDead = 2, kParked = 3 };

// A peer's queue and its last outcomes, as operators see them.
struct PeerQueueRow {
  std::string peer;
  int64_t pending = 0;
  int64_t retrying = 0;
  int64_t dead_lettered = 0;
  int64_t parked = 0;
  std::optional<absl::Time> oldest_pending;
  std::optional<absl::Time> last_success_at;
  std::string last_error;
  std::optional<absl::Time> last_error_at;
};

// One outbox message without its content: what kind it is and how its delivery goes.
struct DeliveryRow {
  int64_t id = 0;
  std::string peer;
  int64_t ticket_id = 0;
  int64_t sequence = 0;
  OutboxState state = OutboxState::kPending;
  int attempts = 0;
  std::string last_error;
  absl::Time created_at;
  absl::Time next_attempt_at;
  std::optional<absl::Time> delivered_at;
  bool cancelled = false;
  // What the envelope carries; BODY_NOT_SET when it does not open.
  v1::PeerEnvelope::BodyCase body = v1::PeerEnvelope::BODY_NOT_SET;
};

// An operator's action, for the audit.
struct SteeringAudit {
  std::string principal;
  std::string role;
  std::string action;  // "retry_message", "retry_peer", "park", "cancel"
  std::string peer;
  std::optional<int64_t> message_id;
  int messages = 0;
  std::string reason;
};

// The outbox as the delivery machinery beyond the sender sees it: catch-up by pull (a peer takes
// what waits for it), each peer's last outcomes, and the operators' steering. Envelopes are sealed
// at rest (store/sealed_envelope.h).
class DeliveryStore {
 public:
  virtual ~DeliveryStore() = default;

  // ---- catch-up by pull ----
  // Up to `limit` messages for `peer` not delivered yet (pending, due or not) with an id above
  // `after_id`, by id; an envelope that does not open comes with `readable` not OK.
  virtual std::vector<OutboxMessage> PendingAfter(Transaction& tx, const std::string& peer,
                                                  int64_t after_id, int limit) const = 0;
  // Records as delivered at `at` the pending messages among `ids` that are `peer`'s (the others
  // are left alone); how many.
  virtual int MarkTaken(Transaction& tx, const std::string& peer, const std::vector<int64_t>& ids,
                        absl::Time at) const = 0;

  // ---- each peer's last outcomes (the sender) ----
  virtual void RecordSuccess(Transaction& tx, const std::string& peer, absl::Time at) const = 0;
  virtual void RecordFailure(Transaction& tx, const std::string& peer, const std::string& error,
                             absl::Time at) const = 0;
  // When an operator last asked for the peer's messages to be sent now, if ever.
  virtual std::optional<absl::Time> RetryRequestedAt(Transaction& tx,
                                                     const std::string& peer) const = 0;

  // ---- operators ----
  // Every peer with messages (pending, dead, parked) or recorded outcomes, by peer.
  virtual std::vector<PeerQueueRow> PeerQueues(Transaction& tx) const = 0;
  // Every message about local ticket `ticket_id`, by peer and sequence.
  virtual std::vector<DeliveryRow> DeliveriesOf(Transaction& tx, int64_t ticket_id) const = 0;
  // The message, locked for the rest of the transaction.
  virtual std::optional<DeliveryRow> LockMessage(Transaction& tx, int64_t id) const = 0;
  // Pending again, due at `now`, its attempts counted afresh (a dead or parked message too).
  virtual void RequeueMessage(Transaction& tx, int64_t id, absl::Time now) const = 0;
  // Every pending message of `peer` due at `now` (its dead letters pending again too with
  // `dead_letters`), and the request noted for the senders' breakers; how many messages.
  virtual int RequeuePeer(Transaction& tx, const std::string& peer, bool dead_letters,
                          absl::Time now) const = 0;
  virtual void Park(Transaction& tx, int64_t id) const = 0;
  // The message's envelope replaced by `compensation` (same row, same sequence), pending and due
  // at `now`, marked cancelled.
  virtual void ReplaceWithCompensation(Transaction& tx, const DeliveryRow& row,
                                       const v1::PeerEnvelope& compensation,
                                       absl::Time now) const = 0;
  virtual void Audit(Transaction& tx, const SteeringAudit& entry) const = 0;
};

}  // namespace hotline::transfer
