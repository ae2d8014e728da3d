#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "libs/common/transaction.h"

namespace hotline::transfer {

// The reply a handling unit gave on a local ticket: the text the origin's caller is answered
// with. Routing keeps it; transfer reads it to send it back to the instance the ticket came from.
class ReplySource {
 public:
  virtual ~ReplySource() = default;

  // The lead unit's latest reply on the ticket, if it replied.
  virtual std::optional<std::string> LeadReplyOf(Transaction& tx, int64_t ticket_id) const = 0;
};

}  // namespace hotline::transfer
