#pragma once

#include "libs/crypto/field_cipher.h"
#include "services/provincial-transfer/store/message_store.h"

namespace hotline::transfer {

class PgMessageStore final : public MessageStore {
 public:
  // `cipher` seals the envelopes written and opens those read; it outlives the store.
  explicit PgMessageStore(const crypto::FieldCipher& cipher) : cipher_(cipher) {}

  std::optional<TicketLink> LinkOf(Transaction& tx, int64_t ticket_id) const override;
  std::optional<TicketLink> LinkFrom(Transaction& tx, const std::string& peer,
                                     const std::string& origin_ticket_number) const override;
  void SaveLink(Transaction& tx, const TicketLink& link) const override;

  int64_t NextSequence(Transaction& tx, int64_t ticket_id, const std::string& peer) const override;
  void Enqueue(Transaction& tx, const std::string& peer, int64_t ticket_id,
               const v1::PeerEnvelope& envelope) const override;
  std::vector<OutboxMessage> Due(Transaction& tx, const std::string& peer, absl::Time now,
                                 int limit, const std::vector<int64_t>& busy) const override;
  void MarkDelivered(Transaction& tx, int64_t id, absl::Time at) const override;
  void MarkRetry(Transaction& tx, int64_t id, absl::Time next_attempt,
                 const std::string& error) const override;
  void MarkDead(Transaction& tx, int64_t id, const std::string& error) const override;
  std::vector<PeerQueue> QueueByPeer(Transaction& tx) const override;

  std::optional<InboxEntry> InboxOf(Transaction& tx, const std::string& origin_instance,
                                    const std::string& origin_ticket_number,
                                    int64_t sequence) const override;
  int64_t LastApplied(Transaction& tx, const std::string& origin_instance,
                      const std::string& origin_ticket_number) const override;
  void RecordApplied(Transaction& tx, const v1::PeerEnvelope& envelope,
                     const std::string& local_ticket_number, absl::Time at) const override;
  void RecordHeld(Transaction& tx, const v1::PeerEnvelope& envelope, absl::Time at) const override;
  int ParkHeld(Transaction& tx, absl::Time cutoff) const override;

  void RecordDisclosure(Transaction& tx, int64_t ticket_id, const std::string& peer,
                        bool sent) const override;

 private:
  const crypto::FieldCipher& cipher_;
};

}  // namespace hotline::transfer
