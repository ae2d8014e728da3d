#pragma once

#include <pqxx/row>

#include "libs/crypto/field_cipher.h"
#include "services/provincial-transfer/store/delivery_store.h"

namespace hotline::transfer {

class PgDeliveryStore final : public DeliveryStore {
 public:
  // `cipher` opens the envelopes read; it outlives the store.
  explicit PgDeliveryStore(const crypto::FieldCipher& cipher) : cipher_(cipher) {}

  std::vector<OutboxMessage> PendingAfter(Transaction& tx, const std::string& peer,
                                          int64_t after_id, int limit) const override;
  int MarkTaken(Transaction& tx, const std::string& peer, const std::vector<int64_t>& ids,
                absl::Time at) const override;

  void RecordSuccess(Transaction& tx, const std::string& peer, absl::Time at) const override;
  void RecordFailure(Transaction& tx, const std::string& peer, const std::string& error,
                     absl::Time at) const override;
  std::optional<absl::Time> RetryRequestedAt(Transaction& tx,
                                             const std::string& peer) const override;

  std::vector<PeerQueueRow> PeerQueues(Transaction& tx) const override;
  std::vector<DeliveryRow> DeliveriesOf(Transaction& tx, int64_t ticket_id) const override;
  std::optional<DeliveryRow> LockMessage(Transaction& tx, int64_t id) const override;
  void RequeueMessage(Transaction& tx, int64_t id, absl::Time now) const override;
  int RequeuePeer(Transaction& tx, const std::string& peer, bool dead_letters,
                  absl::Time now) const override;
  void Park(Transaction& tx, int64_t id) const override;
  void ReplaceWithCompensation(Transaction& tx, const DeliveryRow& row,
                               const v1::PeerEnvelope& compensation, absl::Time now) const override;
  void Audit(Transaction& tx, const SteeringAudit& entry) const override;

 private:
  DeliveryRow RowOf(const pqxx::row& r) const;

  const crypto::FieldCipher& cipher_;
};

}  // namespace hotline::transfer
