#pragma once

#include <cstdint>
#include <vector>

#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/transaction.h"

namespace hotline::routing {

// The explanation of every routing decision (routing_decisions), for ExplainRouting.
class DecisionStore {
 public:
  virtual ~DecisionStore() = default;
  virtual void Insert(Transaction& tx, int64_t ticket_id,
                      const hotline::routing::v1::RoutingDecision& decision) const = 0;
  // Oldest first.
  virtual std::vector<hotline::routing::v1::RoutingDecision> Of(Transaction& tx,
                                                                int64_t ticket_id) const = 0;
};

class PgDecisionStore final : public DecisionStore {
 public:
  void Insert(Transaction& tx, int64_t ticket_id,
              const hotline::routing::v1::RoutingDecision& decision) const override;
  std::vector<hotline::routing::v1::RoutingDecision> Of(Transaction& tx,
                                                        int64_t ticket_id) const override;
};

}  // namespace hotline::routing
