#pragma once

#include "services/reporting/store/stream_backlog.h"

namespace hotline::reporting {

// OutboxStore over the ticket core's relay queue (outbox_pending, migration 0014): a narrow
// table that holds only what is not yet published.
class PgOutboxStore final : public OutboxStore {
 public:
  OutboxBacklog Backlog(Transaction& tx) override;
};

}  // namespace hotline::reporting
