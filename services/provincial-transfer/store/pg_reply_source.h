#pragma once

#include "libs/crypto/field_cipher.h"
#include "services/provincial-transfer/store/reply_source.h"

namespace hotline::transfer {

// Reads routing's published view `routing_lead_replies` (0036, 0046), never its tables.
class PgReplySource final : public ReplySource {
 public:
  explicit PgReplySource(const crypto::FieldCipher& cipher) : cipher_(cipher) {}
  std::optional<std::string> LeadReplyOf(Transaction& tx, int64_t ticket_id) const override;

 private:
  const crypto::FieldCipher& cipher_;
};

}  // namespace hotline::transfer
