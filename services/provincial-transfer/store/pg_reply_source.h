#pragma once

#include "services/provincial-transfer/store/reply_source.h"

namespace hotline::transfer {

// Reads routing's published view `routing_lead_replies` (0036_transfer_replies.sql), never its
// tables.
class PgReplySource final : public ReplySource {
 public:
  std::optional<std::string> LeadReplyOf(Transaction& tx, int64_t ticket_id) const override;
};

}  // namespace hotline::transfer
